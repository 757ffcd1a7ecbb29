// The console against a running platform started as `./tributary up` starts it (Keycloak sign-in,
// local deploy target): a team developer creates a pipeline from a template with a mistake, sees
// the error at its line, fixes it, applies it and sees it Running; the other team's developer
// gets "not found" at its address; the platform admin sees both teams. Every page is checked with
// axe-core (no serious or critical violation) and photographed into e2e/screenshots/.
//
//   CONSOLE_URL=http://127.0.0.1:8080/console npm run e2e
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CONSOLE = (process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080/console').replace(/\/$/, '');
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const NAME = `e2e-${Date.now().toString(36)}`;
const RUNNING_WITHIN_MS = Number(process.env.RUNNING_WITHIN_MS ?? 180_000);
mkdirSync(SHOTS, { recursive: true });

let passed = 0;
let failed = 0;
const started = Date.now();

async function step(title, body) {
  const t = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok   ${title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${title}: ${e?.stack ?? e}`);
    throw e;
  }
}

async function accessible(page, what) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    throw new Error(
      `${what}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target).join(' ')}`).join('; ')}`,
    );
  }
}

async function shoot(page, file) {
  await page.screenshot({ path: `${SHOTS}${file}.png`, fullPage: true });
}

async function signIn(browser, user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${CONSOLE}/`);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill('demo');
  await page.locator('#kc-login').click();
  await page.getByTestId('username').filter({ hasText: user }).waitFor({ timeout: 30_000 });
  return page;
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
} catch (e) {
  console.log(`FAIL no browser could start (install Debian's chromium): ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

try {
  let developer;
  await step('a payments developer signs in and lands on their team', async () => {
    const t = Date.now();
    developer = await signIn(browser, 'payments-developer');
    await developer.getByRole('heading', { name: /Team/ }).first().waitFor();
    console.log(`     first load and sign-in: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await developer.getByRole('link', { name: 'Create pipeline' }).waitFor();
    await accessible(developer, 'team page');
    await shoot(developer, 'team');
  });

  await step('a template with a mistake shows the server error at its line', async () => {
    await developer.getByRole('link', { name: 'Create pipeline' }).click();
    const editor = developer.getByRole('textbox', { name: 'Pipeline document (YAML)' });
    await editor.waitFor();
    const template = await editor.inputValue();
    const broken = template.replace(/name: large-payments/, `name: ${NAME}`).replace('amount >= 1000.0', 'amout >= 1000.0');
    const line = broken.split('\n').findIndex((l) => l.includes('amout')) + 1;
    await editor.fill(broken);
    const error = developer.locator(`[data-testid=validation] li[data-line="${line}"]`);
    await error.waitFor({ timeout: 15_000 });
    const text = await error.textContent();
    if (!text.includes('amout')) throw new Error(`the error at line ${line} does not name the field: ${text}`);
    await accessible(developer, 'editor');
    await shoot(developer, 'editor-error');
    await editor.fill(broken.replace('amout >= 1000.0', 'amount >= 1000.0'));
    await developer.getByText('Valid: the server accepts this document').waitFor({ timeout: 15_000 });
  });

  await step('the fixed pipeline is created and seen Running', async () => {
    await developer.getByRole('button', { name: 'Create' }).click();
    await developer.waitForURL(`**/teams/payments/pipelines/${NAME}`);
    await developer.getByRole('heading', { name: NAME }).getByText('Running').waitFor({ timeout: RUNNING_WITHIN_MS });
    await accessible(developer, 'pipeline page');
    await shoot(developer, 'pipeline');
    await developer.getByRole('tab', { name: 'Topology' }).click();
    await developer.getByRole('img', { name: /Topology/ }).waitFor();
    await developer.locator('table[aria-label="Topics"]').waitFor();
    await accessible(developer, 'topology');
    await shoot(developer, 'topology');
  });

  await step("the other team's developer gets not found at the pipeline's address", async () => {
    const other = await signIn(browser, 'logistics-developer');
    await other.goto(`${CONSOLE}/teams/payments/pipelines/${NAME}`);
    await other.getByRole('heading', { name: 'Not found' }).waitFor();
    if (await other.getByText(NAME, { exact: true }).count()) throw new Error('the name of the other team’s pipeline is shown');
    await accessible(other, 'not found');
    await shoot(other, 'not-found');
  });

  await step('the platform admin sees both teams and the new pipeline on the overview', async () => {
    const admin = await signIn(browser, 'platform-admin');
    await admin.getByRole('heading', { name: 'Platform overview' }).waitFor();
    const table = admin.locator('table[aria-label="Pipelines"]');
    await table.getByRole('link', { name: NAME }).waitFor({ timeout: 30_000 });
    await admin.getByRole('link', { name: 'Team payments' }).waitFor();
    await admin.getByRole('link', { name: 'Team logistics' }).waitFor();
    await accessible(admin, 'overview');
    await shoot(admin, 'overview');
  });

  await step('the developer deletes the pipeline after confirming', async () => {
    await developer.getByRole('button', { name: 'Delete' }).click();
    await developer.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await developer.waitForURL('**/teams/payments');
  });
} catch {
  // reported by step
} finally {
  await browser.close();
}
console.log(`console e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
