// Container memory sizes as deployments write them. Kubernetes quantities (`512Mi`, `1G`, `1Gi`,
// `500M`, `1e9`, plain bytes) and docker/compose sizes (`mem_limit: 1g`, `512M`, `1gb`, plain
// bytes) look alike but differ: Kubernetes `1G` is 10⁹ bytes and `1Gi` 1024³, while docker's `1g`,
// `1G` and `1gb` are all 1024³. Reading one with the other's rules would shift a limit by 7%, and
// CW008's 75% check is about exactly that margin.

const BINARY: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6 };
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes resource quantity in bytes (`512Mi`, `1G`, `1.5Gi`, `1e9`, `128974848`); undefined when unreadable. */
export function kubernetesBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(k|M|G|T|P|E))?$/.exec(value.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  if (match[2]) return number * BINARY[match[2]];
  if (match[3]) return Number(`${match[1]}${match[3]}`);
  // `m` (milli) is a valid quantity but never a memory size anyone means.
  return number * DECIMAL[match[4] ?? ''];
}

const DOCKER: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** A docker/compose memory size in bytes (`1g`, `512M`, `1gb`, `2GiB`, `1073741824`); undefined when unreadable. */
export function dockerBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(?:([bkmgtp])(?:i?b)?)?$/i.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * DOCKER[(match[2] ?? 'b').toLowerCase()];
}
