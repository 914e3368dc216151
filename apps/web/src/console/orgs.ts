import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import type { OrgNode } from '../api/types.ts';

export const orgTreeQuery = queryOptions({
  queryKey: ['orgs', 'tree'],
  queryFn: () => data(api.GET('/api/orgs/tree')),
  staleTime: 60_000,
});

export interface OrgTreeNode extends OrgNode {
  depth: number;
  children: OrgTreeNode[];
}

/** The flat list the server sends, as a tree (roots = units whose parent is outside one's scope). */
export function buildTree(items: OrgNode[]): OrgTreeNode[] {
  const byId = new Map<string, OrgTreeNode>(items.map((o) => [o.id, { ...o, depth: 0, children: [] }]));
  const roots: OrgTreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: OrgTreeNode[], depth: number) => {
    nodes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    for (const n of nodes) {
      n.depth = depth;
      sort(n.children, depth + 1);
    }
  };
  sort(roots, 0);
  return roots;
}

/** Depth-first order, for selects that show the tree with indentation. */
export function flatten(nodes: OrgTreeNode[]): OrgTreeNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

export function useOrgOptions(filter?: (o: OrgTreeNode) => boolean) {
  const tree = useQuery(orgTreeQuery);
  const flat = tree.data ? flatten(buildTree(tree.data.items)) : [];
  return {
    query: tree,
    options: flat.filter((o) => !filter || filter(o)).map((o) => ({ value: o.id, label: o.name })),
    byId: new Map(flat.map((o) => [o.id, o])),
  };
}
