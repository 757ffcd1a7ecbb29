export function count(n: number | undefined): string {
  return n === undefined || n === null ? '—' : Math.round(n).toLocaleString('en');
}

export function rate(n: number | undefined): string {
  return n === undefined || n === null ? '—' : `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en')}/s`;
}

export function seconds(n: number | undefined): string {
  if (n === undefined || n === null) return '—';
  if (n < 60) return `${n.toFixed(n < 10 ? 1 : 0)} s`;
  if (n < 3600) return `${(n / 60).toFixed(1)} min`;
  return `${(n / 3600).toFixed(1)} h`;
}

export function bytes(n: number | undefined): string {
  if (n === undefined || n === null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function when(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString('en-GB') : '—';
}
