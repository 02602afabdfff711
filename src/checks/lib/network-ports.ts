/** Remote server administration ports of CIS 5.x: SSH and RDP. */
export const ADMIN_PORTS = [22, 3389] as const;

export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';

export type ProtocolName = 'all' | 'tcp' | 'udp' | 'other';

/** Security groups write `tcp`/`udp`/`-1` or protocol numbers; NACLs write numbers as strings. */
export function protocolName(protocol: string | undefined): ProtocolName {
  switch (protocol?.toLowerCase()) {
    case '-1':
    case 'all':
      return 'all';
    case '6':
    case 'tcp':
      return 'tcp';
    case '17':
    case 'udp':
      return 'udp';
    default:
      return 'other';
  }
}

/**
 * Admin ports a rule opens. Protocol `all` opens every port; for TCP/UDP a missing bound is taken
 * as open-ended (AWS always returns both, so this only errs towards reporting).
 */
export function adminPortsOpened(protocol: ProtocolName, from: number | undefined, to: number | undefined): number[] {
  if (protocol === 'all') return [...ADMIN_PORTS];
  if (protocol === 'other') return [];
  return ADMIN_PORTS.filter((p) => (from ?? 0) <= p && p <= (to ?? 65535));
}

/** `TCP port 22`, `all traffic (every port, including 22 and 3389)`, for reasons. */
export function describeOpening(protocol: ProtocolName, ports: readonly number[]): string {
  if (protocol === 'all') return `all traffic (every port, including ${ADMIN_PORTS.join(' and ')})`;
  return `${protocol.toUpperCase()} port${ports.length > 1 ? 's' : ''} ${ports.join(' and ')}`;
}
