import cardFraud from '../../../examples/card-fraud/pipeline.yaml?raw';
import machineHealth from '../../../examples/machine-health/pipeline.yaml?raw';
import ordersEtl from '../../../examples/orders-etl/pipeline.yaml?raw';

const MINIMAL = `apiVersion: tributary.dev/v1alpha1
kind: Pipeline
metadata:
  name: large-payments
  team: payments
  description: Payments of 1000 or more, for review.
spec:
  sources:
    - name: payments
      topic: payments.payments
      fields:
        paymentId: string
        amount: double
        currency: string
  steps:
    - name: large
      input: payments
      filter: amount >= 1000.0
  sinks:
    - name: out
      input: large
      topic: payments.large-payments
`;

/** The examples (examples/*), as templates: their team and topic prefix become the chosen team's. */
export const TEMPLATES: { id: string; title: string; text: string; team: string }[] = [
  { id: 'filter', title: 'Filter (minimal)', text: MINIMAL, team: 'payments' },
  { id: 'card-fraud', title: 'Card fraud (join, windowed aggregate)', text: cardFraud, team: 'payments' },
  { id: 'orders-etl', title: 'Orders ETL (join, branch)', text: ordersEtl, team: 'logistics' },
  { id: 'machine-health', title: 'Machine health (windows)', text: machineHealth, team: 'logistics' },
];

export function templateFor(id: string, team: string): string {
  const t = TEMPLATES.find((x) => x.id === id) ?? TEMPLATES[0];
  return t.text
    .replace(new RegExp(`^(\\s*team:\\s*)${t.team}\\s*$`, 'm'), `$1${team}`)
    .replace(new RegExp(`(topic:\\s*)${t.team}\\.`, 'g'), `$1${team}.`);
}
