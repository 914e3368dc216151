import { type IconProps, Svg } from '../components/icons.tsx';

export const IconBell = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0" />
  </Svg>
);
export const IconQuestion = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 5h16v11H9l-5 4zM10 9a2 2 0 1 1 2.5 1.9c-.4.2-.5.5-.5.9V12M12 14.2v.1" />
  </Svg>
);
export const IconHelp = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 12a7 7 0 0 1 14 0v5a2 2 0 0 1-2 2h-2v-6h4M5 13h4v6H7a2 2 0 0 1-2-2z" />
  </Svg>
);
export const IconSend = (p: IconProps) => (
  <Svg {...p}>
    <path d="M21 3 10 14M21 3l-7 18-4-7-7-4z" />
  </Svg>
);
