// The console against a running platform started as `./tributary up` starts it (Keycloak sign-in,
// local deploy target): a team developer writes three payments to the pipeline's input topic (one
// with an amount that is not a number), gets completion and hover from the pipeline schema in the
// editor, creates a pipeline from a template with a mistake, sees the error at its line (in the
// list under the editor and as a marker in Monaco), fixes the mistake, previews it (the sink's
// records and the record that would be dead-lettered), applies it and sees it Running; opens the
// dead letter the running pipeline wrote; edits the pipeline, rolls back to the first revision and
// sees the rollback's revision; pauses and resumes it; restarts it and sees it Running again. The team's
// viewer sees the pipeline and is offered nothing that changes it; the team's admin reads this
// run's events in the audit log. The other team's developer gets "not found" at its address; the
// platform admin sees both teams. Every page is checked with axe-core (no serious or critical
// violation) and photographed into e2e/screenshots/.
//
//   CONSOLE_URL=http://127.0.0.1:8080/console KAFKA_BOOTSTRAP=127.0.0.1:9092 \
//     KAFKA_COMMAND_CONFIG=.tributary/kafka/admin.properties npm run e2e
//
// The broker authenticates every client: KAFKA_COMMAND_CONFIG names a client properties file with
// a credential (the one `./tributary up` writes for its admin identity by default).
// Records are written with Kafka's console producer (kafka-tools, on the broker's classpath that
// local-stack's build writes; KAFKA_CLASSPATH names another file) run by the JDK of JAVA_HOME.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CONSOLE = (process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080/console').replace(/\/$/, '');
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const NAME = `e2e-${Date.now().toString(36)}`;
const RUNNING_WITHIN_MS = Number(process.env.RUNNING_WITHIN_MS ?? 180_000);
const KAFKA = process.env.KAFKA_BOOTSTRAP ?? '127.0.0.1:9092';
const KAFKA_COMMAND_CONFIG =
  process.env.KAFKA_COMMAND_CONFIG ?? new URL('../../.tributary/kafka/admin.properties', import.meta.url).pathname;
const KAFKA_CLASSPATH =
  process.env.KAFKA_CLASSPATH ??
  new URL(
    '../../local-stack/target/generated-resources/broker-classpath/dev/tributary/localstack/kafka/kafka-broker.classpath',
    import.meta.url,
  ).pathname;
// The JDK of JAVA_HOME, or the one `./tributary` picks.
const JAVA_HOME =
  process.env.JAVA_HOME ??
  spawnSync(new URL('../../tributary', import.meta.url).pathname, ['java-home'], { encoding: 'utf8' }).stdout.trim();
const JAVA = `${JAVA_HOME}/bin/java`;
mkdirSync(SHOTS, { recursive: true });

/** Runs one of Kafka's command-line tools (kafka-tools) against the platform's broker. */
function kafkaTool(tool, args, input) {
  if (!existsSync(KAFKA_CLASSPATH)) throw new Error(`no Kafka classpath at ${KAFKA_CLASSPATH} (build local-stack, or set KAFKA_CLASSPATH)`);
  const result = spawnSync(JAVA, ['-cp', readFileSync(KAFKA_CLASSPATH, 'utf8').trim(), `org.apache.kafka.tools.${tool}`, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`${tool} failed (${result.status ?? result.signal}): ${result.stderr}`);
}

/**
 * Writes `key|value` lines to a topic with Kafka's console producer, creating the topic first as
 * the system upstream would (the broker creates no topic by itself).
 */
function produce(topic, lines) {
  kafkaTool('TopicCommand', ['--bootstrap-server', KAFKA, '--command-config', KAFKA_COMMAND_CONFIG, '--create', '--if-not-exists', '--topic', topic, '--partitions', '1']);
  kafkaTool(
    'ConsoleProducer',
    [
      '--bootstrap-server',
      KAFKA,
      '--command-config',
      KAFKA_COMMAND_CONFIG,
      '--topic',
      topic,
      '--property',
      'parse.key=true',
      '--property',
      'key.separator=|',
    ],
    `${lines.join('\n')}\n`,
  );
}

/** Clicks until the locator is there: for views read on demand (Refresh). */
async function refreshUntil(page, button, locator, timeout) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await locator.count()) return;
    if (Date.now() > until) throw new Error(`not shown within ${timeout} ms: ${locator}`);
    await button.click();
    await page.waitForTimeout(2_000);
  }
}

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

const EDITOR_LABEL = 'Pipeline document (YAML)';

/** The editor's text (Monaco's model, read through the API the console puts on window) once it has some, or `expected`. */
async function editorText(page, expected) {
  const handle = await page.waitForFunction(
    (want) => {
      const model = window.monaco?.editor.getModels().find((m) => m.uri.path === '/tributary/pipeline.yaml');
      const text = model && !model.isDisposed() ? model.getValue() : '';
      return text && (want === undefined || text === want) ? text : undefined;
    },
    expected,
    { timeout: 15_000 },
  );
  return handle.jsonValue();
}

/**
 * Replaces the editor's text as a person would: into the editor, select all, paste the new text.
 * Typed text (keyboard.type, and keyboard.insertText too) goes through Monaco's typing, which
 * indents each new line like the one before; a paste is taken as it is.
 */
async function replaceEditorText(page, text) {
  await page.getByRole('textbox', { name: EDITOR_LABEL }).focus();
  await page.keyboard.press('Control+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
  await editorText(page, text).catch(async () => {
    throw new Error(`the editor holds other text than was pasted:\n${await editorText(page)}`);
  });
}

/** The lines of the editor that carry markers of an owner (the server's errors, or monaco-yaml's). */
async function markedLines(page, owner) {
  return page.evaluate((o) => window.monaco.editor.getModelMarkers({ owner: o }).map((m) => m.startLineNumber), owner);
}

/** Buttons and links with one of these names on the page. */
async function offered(page, names) {
  const found = [];
  for (const name of names) {
    const n =
      (await page.getByRole('button', { name, exact: true }).count()) +
      (await page.getByRole('link', { name, exact: true }).count());
    if (n > 0) found.push(name);
  }
  return found;
}

// The console's own configuration says where Keycloak is; sign-in must go there.
const CONFIG = await fetch(`${CONSOLE}/config.json`).then((r) => r.json());

async function signIn(browser, user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // The editor steps paste documents into the editor.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(CONSOLE).origin });
  const page = await context.newPage();
  await page.goto(`${CONSOLE}/`);
  if (CONFIG.oidc) await page.waitForURL(`${CONFIG.oidc.url.replace(/\/$/, '')}/realms/${CONFIG.oidc.realm}/**`);
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

  await step("three payments are written to the pipeline's input topic, one with an amount that is no number", async () => {
    produce('payments.payments', [
      `${NAME}-large|{"paymentId":"${NAME}-large","amount":2500.0,"currency":"EUR"}`,
      `${NAME}-small|{"paymentId":"${NAME}-small","amount":20.0,"currency":"EUR"}`,
      `${NAME}-bad|{"paymentId":"${NAME}-bad","amount":"lots","currency":"EUR"}`,
    ]);
  });

  let template;
  await step('the editor completes and explains fields from the pipeline schema', async () => {
    await developer.getByRole('link', { name: 'Create pipeline' }).click();
    await developer.getByRole('textbox', { name: EDITOR_LABEL }).waitFor();
    template = await editorText(developer);
    await developer.getByText('Valid: the server accepts this document').waitFor({ timeout: 15_000 });
    // Hover: the description of the step's filter field, from the schema.
    await developer.locator('.monaco-editor .view-line span', { hasText: /^filter$/ }).first().hover();
    await developer.locator('.monaco-hover').getByText('Keep only records for which this CEL expression is true').waitFor({ timeout: 15_000 });
    // Completion: a new key in the step offers the step's fields.
    await developer.locator('.monaco-editor .view-line', { hasText: /filter.*amount/ }).click();
    await developer.keyboard.press('End');
    await developer.keyboard.press('Enter');
    await developer.keyboard.type('dedu');
    const suggest = developer.locator('.monaco-editor .suggest-widget');
    await suggest.getByRole('option', { name: /deduplicate/ }).waitFor({ timeout: 15_000 });
    await accessible(developer, 'editor with completion');
    await shoot(developer, 'editor-completion');
    await developer.keyboard.press('Escape');
    await suggest.getByRole('option').first().waitFor({ state: 'hidden' });
  });

  await step('a template with a mistake shows the server error at its line, also as a marker in the editor', async () => {
    const broken = template.replace(/name: large-payments/, `name: ${NAME}`).replace('amount >= 1000.0', 'amout >= 1000.0');
    const line = broken.split('\n').findIndex((l) => l.includes('amout')) + 1;
    await replaceEditorText(developer, broken);
    const error = developer.locator(`[data-testid=validation] li[data-line="${line}"]`);
    await error.waitFor({ timeout: 15_000 });
    const text = await error.textContent();
    if (!text.includes('amout')) throw new Error(`the error at line ${line} does not name the field: ${text}`);
    const marked = await markedLines(developer, 'tributary-validation');
    if (!marked.includes(line)) throw new Error(`no marker at line ${line} in the editor: ${marked}`);
    // The marker's message on hover.
    await developer.locator('.monaco-editor .view-line span', { hasText: /amout/ }).last().hover();
    await developer.locator('.monaco-hover').getByText(/amout/).first().waitFor({ timeout: 15_000 });
    await accessible(developer, 'editor');
    await shoot(developer, 'editor-error');
    await replaceEditorText(developer, broken.replace('amout >= 1000.0', 'amount >= 1000.0'));
    await developer.getByText('Valid: the server accepts this document').waitFor({ timeout: 15_000 });
    if ((await markedLines(developer, 'tributary-validation')).length) throw new Error('markers are left on a valid document');
    // Before anything is applied: the topology, the application id and the topics it will use.
    const before = developer.getByRole('region', { name: 'Topology before applying' });
    await before.getByRole('img', { name: /^Topology: / }).waitFor({ timeout: 15_000 });
    const explained = await before.textContent();
    if (!explained.includes(`payments.${NAME}`) || !explained.includes('payments.large-payments')) {
      throw new Error(`the topology before applying names neither the application id nor the sink topic: ${explained}`);
    }
    await accessible(developer, 'editor with the topology before applying');
    await shoot(developer, 'editor-topology');
  });

  await step('the preview shows what the sink would write and what would be dead-lettered', async () => {
    await developer.getByRole('button', { name: 'Preview' }).click();
    const preview = developer.getByRole('region', { name: 'Preview' });
    await preview.waitFor({ timeout: 60_000 });
    const sink = preview.locator('table[aria-label="Records sink out would write"]');
    await sink.getByRole('row').filter({ hasText: `${NAME}-large` }).waitFor();
    if (await sink.getByText(`${NAME}-small`).count()) throw new Error('the preview writes the small payment to the sink');
    const dead = preview.locator('table[aria-label="Records that would be dead-lettered"]').getByRole('row').filter({ hasText: `${NAME}-bad` });
    await dead.waitFor();
    const step = (await dead.locator('td').nth(0).textContent()).trim();
    const error = await dead.locator('td').nth(1).textContent();
    // The source reads the fields with their declared types: the amount fails there.
    if (step !== 'payments') throw new Error(`the dead-lettered record is not at the source payments: ${step}`);
    if (!/field 'amount' is "lots", not a double/.test(error)) throw new Error(`the error does not name the field amount: ${error}`);
    await accessible(developer, 'preview');
    // The page scrolls inside PatternFly's main section: bring the preview into the picture.
    await preview.scrollIntoViewIfNeeded();
    await shoot(developer, 'editor-preview');
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

  await step('the payment with no number for an amount is in the Dead letters tab, with step and error', async () => {
    await developer.getByRole('tab', { name: 'Dead letters' }).click();
    const table = developer.locator('table[aria-label="Dead letters"]');
    const row = table.getByRole('row').filter({ hasText: `${NAME}-bad` });
    await refreshUntil(developer, developer.getByRole('button', { name: 'Refresh' }), row, 90_000);
    const step = (await row.locator('td').nth(2).textContent()).trim();
    const error = await row.locator('td').nth(3).textContent();
    if (step !== 'payments') throw new Error(`the dead letter is not at the source payments: ${step}`);
    if (!/field 'amount' is "lots", not a double/.test(error)) throw new Error(`the dead letter does not say the error: ${error}`);
    await row.getByRole('button').first().click();
    const payload = table.locator('pre[aria-label^="Payload of the record"]').filter({ hasText: `"${NAME}-bad"` });
    await payload.waitFor();
    if (!(await payload.textContent()).includes('"amount": "lots"')) throw new Error('the payload is not shown indented');
    await accessible(developer, 'dead letters');
    await shoot(developer, 'dead-letters');
  });

  await step('an edit makes revision 2, and rolling back to 1 after confirming makes revision 3', async () => {
    await developer.getByRole('link', { name: 'Edit' }).click();
    await developer.getByRole('textbox', { name: EDITOR_LABEL }).waitFor();
    const text = await editorText(developer);
    await replaceEditorText(developer, text.replace('amount >= 1000.0', 'amount >= 2000.0'));
    await developer.getByText('Valid: the server accepts this document').waitFor({ timeout: 15_000 });
    await developer.getByRole('button', { name: 'Apply' }).click();
    await developer.waitForURL(`**/teams/payments/pipelines/${NAME}`);
    await developer.getByText(/revision 2 ·/).waitFor({ timeout: 15_000 });
    await developer.getByRole('tab', { name: 'Revisions' }).click();
    const revisions = developer.locator('table[aria-label="Revisions"]');
    await revisions.getByRole('button', { name: 'Roll back to 1' }).click();
    const dialog = developer.getByRole('dialog', { name: `Roll back ${NAME} to revision 1?` });
    await accessible(developer, 'rollback confirmation');
    await shoot(developer, 'rollback-confirm');
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await revisions.getByRole('row').filter({ hasText: '3 (current) (rollback to 1)' }).waitFor({ timeout: 15_000 });
    await developer.getByText(/revision 3 ·/).waitFor();
    await accessible(developer, 'revisions');
    await shoot(developer, 'revisions');
  });

  await step('the developer pauses and resumes the pipeline after confirming each', async () => {
    const heading = developer.getByRole('heading', { name: NAME, level: 1 });
    await developer.getByRole('button', { name: 'Pause', exact: true }).click();
    const pause = developer.getByRole('dialog', { name: `Pause ${NAME}?` });
    await accessible(developer, 'pause confirmation');
    await pause.getByRole('button', { name: 'Pause' }).click();
    await heading.getByText('Paused').waitFor({ timeout: RUNNING_WITHIN_MS });
    await shoot(developer, 'paused');
    await developer.getByRole('button', { name: 'Resume', exact: true }).click();
    await developer.getByRole('dialog', { name: `Resume ${NAME}?` }).getByRole('button', { name: 'Resume' }).click();
    await heading.getByText('Running').waitFor({ timeout: RUNNING_WITHIN_MS });
  });

  await step('the developer restarts the pipeline after confirming and sees it Running again', async () => {
    const heading = developer.getByRole('heading', { name: NAME, level: 1 });
    await developer.getByRole('tab', { name: 'State stores and workers' }).click();
    const worker = developer.locator('table[aria-label="Workers"]').getByRole('row').nth(1);
    await worker.waitFor();
    const started = (await worker.locator('td').nth(6).textContent()).trim();
    await developer.getByRole('button', { name: 'Restart', exact: true }).click();
    const dialog = developer.getByRole('dialog', { name: `Restart ${NAME}?` });
    await accessible(developer, 'restart confirmation');
    await shoot(developer, 'restart-confirm');
    await dialog.getByRole('button', { name: 'Restart' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Every worker is replaced: the one shown started after the one before, and is running and ready.
    const until = Date.now() + RUNNING_WITHIN_MS;
    for (;;) {
      const cells = (await worker.locator('td').allTextContents()).map((c) => c.trim());
      if (cells[6] !== started && cells[1] === 'running' && cells[2] === 'yes') break;
      if (Date.now() > until) throw new Error(`no restarted worker within ${RUNNING_WITHIN_MS} ms: ${cells.join(' | ')}`);
      await developer.waitForTimeout(2_000);
    }
    await heading.getByText('Running').waitFor({ timeout: RUNNING_WITHIN_MS });
    await accessible(developer, 'workers');
    await shoot(developer, 'restarted');
  });

  await step("a payments viewer sees the team's pipeline and is offered nothing that changes it", async () => {
    const viewer = await signIn(browser, 'payments-viewer');
    await viewer.getByRole('heading', { name: /Team/ }).first().waitFor();
    await viewer.getByRole('link', { name: NAME, exact: true }).waitFor({ timeout: 30_000 });
    await viewer.waitForLoadState('networkidle');
    const onTeam = await offered(viewer, ['Create pipeline']);
    if (onTeam.length) throw new Error(`the team page offers the viewer: ${onTeam}`);
    if (await viewer.getByRole('heading', { name: 'Audit log' }).count()) throw new Error('the viewer is shown the audit log');
    await accessible(viewer, 'team page (viewer)');
    await viewer.getByRole('link', { name: NAME, exact: true }).click();
    await viewer.getByRole('heading', { name: NAME, level: 1 }).getByText('Running').waitFor({ timeout: 30_000 });
    await viewer.getByText(/revision 3 ·/).waitFor();
    await viewer.waitForLoadState('networkidle');
    const onPipeline = await offered(viewer, ['Edit', 'Pause', 'Resume', 'Restart', 'Delete']);
    if (onPipeline.length) throw new Error(`the pipeline page offers the viewer: ${onPipeline}`);
    await accessible(viewer, 'pipeline page (viewer)');
    await shoot(viewer, 'viewer-pipeline');
    await viewer.getByRole('tab', { name: 'Revisions' }).click();
    await viewer.locator('table[aria-label="Revisions"]').getByRole('row').filter({ hasText: '3 (current)' }).waitFor();
    if (await viewer.getByRole('button', { name: /Roll back/ }).count()) throw new Error('the viewer is offered a rollback');
    await accessible(viewer, 'revisions (viewer)');
    // The editor's address gives the viewer no editor either.
    await viewer.goto(`${CONSOLE}/teams/payments/pipelines/${NAME}/edit`);
    await viewer.getByRole('heading', { name: "You may not change this team's pipelines" }).waitFor();
    if (await viewer.getByRole('textbox', { name: EDITOR_LABEL }).count()) throw new Error('the viewer is given the editor');
    const onEditor = await offered(viewer, ['Apply', 'Create', 'Preview']);
    if (onEditor.length) throw new Error(`the editor's address offers the viewer: ${onEditor}`);
    await accessible(viewer, "editor's address (viewer)");
    await shoot(viewer, 'viewer-edit');
  });

  await step("the payments team admin reads this run's events in the team's audit log", async () => {
    const teamAdmin = await signIn(browser, 'payments-admin');
    await teamAdmin.getByRole('heading', { name: 'Audit log' }).waitFor({ timeout: 30_000 });
    const log = teamAdmin.locator('table[aria-label="Audit log"]');
    const rows = log.getByRole('row').filter({ has: teamAdmin.getByRole('link', { name: NAME, exact: true }) });
    await rows.first().waitFor();
    const actions = (await rows.locator('td:nth-child(3)').allTextContents()).map((a) => a.trim());
    const actors = new Set((await rows.locator('td:nth-child(2)').allTextContents()).map((a) => a.trim()));
    const expected = ['pipeline.created', 'pipeline.updated', 'pipeline.rolled-back', 'pipeline.paused', 'pipeline.resumed', 'pipeline.restarted'];
    const missing = expected.filter((a) => !actions.includes(a));
    if (missing.length) throw new Error(`the audit log lacks ${missing} (it has ${actions})`);
    if (actors.size !== 1 || !actors.has('payments-developer')) throw new Error(`the events are not the developer's: ${[...actors]}`);
    await accessible(teamAdmin, 'audit log');
    await log.scrollIntoViewIfNeeded();
    await shoot(teamAdmin, 'audit-log');
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
