import { Select, type SelectProps } from '@mantine/core';
import { fold } from '../lib/format.ts';
import { type OrgTreeNode, useOrgOptions } from './orgs.ts';

/** A searchable unit picker (typing without diacritics works), indented by depth. */
export function OrgSelect({
  only,
  ...props
}: Omit<SelectProps, 'data' | 'filter'> & { only?: (o: OrgTreeNode) => boolean }) {
  const { options, byId } = useOrgOptions(only);
  return (
    <Select
      searchable
      nothingFoundMessage="—"
      filter={({ options: opts, search }) => {
        const q = fold(search);
        return opts.filter((o) => 'label' in o && fold(o.label).includes(q));
      }}
      data={options}
      renderOption={({ option }) => (
        <span style={{ paddingLeft: `${Math.min(byId.get(option.value)?.depth ?? 0, 4)}rem` }}>
          {option.label}
        </span>
      )}
      {...props}
    />
  );
}
