import { type IconProps, Svg } from '../components/icons.tsx';

/** Funnel bars, for the roll-out tile. */
export const IconFunnel = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3 5h18M5 10h14M7 15h10M9 20h6" />
  </Svg>
);
