import { describe, expect, it } from 'vitest';
import { dragFromPalette, newWorkflow, node } from './support/editor.js';
import { useServerAndBrowser } from './support/server-and-browser.js';

/** UI updates land a frame or two after an action: poll instead of reading once. */
const POLL = { timeout: 10_000, interval: 100 };

// A person adds a schedule trigger from the palette, sets it to every second, sees the next
// fire times in the trigger panel, activates it and sees the runs it starts. Real server, real Chromium.
const e2e = useServerAndBrowser();

describe('the schedule trigger in the editor', () => {
  it('configures an interval from the palette, lists the next runs, and runs once active', async () => {
    const { page } = e2e.browser;
    await newWorkflow(page, 'Every second');
    await dragFromPalette(page, 'Schedule', 200, 200);
    await node(page, 'schedule').click();
    const schedule = page.getByRole('region', { name: 'Schedule' });
    await schedule.getByText('Save the workflow to see when it runs').waitFor();

    await page.getByRole('combobox', { name: /^Runs/ }).selectOption('interval');
    await page.getByRole('textbox', { name: /^Interval/ }).fill('1s');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved · v1').waitFor();

    await schedule.getByText('Runs every second, times in UTC.').waitFor();
    const ticks = schedule.getByRole('list', { name: 'Next runs' }).getByRole('listitem');
    await expect.poll(() => ticks.count(), POLL).toBe(5);
    expect(await schedule.getByText('Would run at (once active)').count()).toBe(1);

    await page.getByRole('switch', { name: 'Active' }).check();
    await page.getByText('Workflow is active').waitFor();
    await schedule.getByText('Next runs', { exact: true }).waitFor();
    await schedule.getByText(/Last run for the tick of/).waitFor({ timeout: 20_000 });
    await page.getByRole('switch', { name: 'Active' }).uncheck();
    await page.getByText('Workflow deactivated.').waitFor();
    // A scheduled run is the sample, so Test run works without a trigger URL.
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    await page.getByText('Test run started with the sample event.').waitFor();
  }, 120_000);

  it('shows an invalid cron expression and an unknown time zone at the field', async () => {
    const { page } = e2e.browser;
    await page.getByRole('combobox', { name: /^Runs/ }).selectOption('cron');
    await page.getByRole('textbox', { name: /^Cron expression/ }).fill('61 * * * *');
    await page
      .getByText(/Invalid cron expression "61 \* \* \* \*": Invalid value for minute: 61/)
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: /^Cron expression/ }).fill('0 9 * * *');
    await page.getByRole('textbox', { name: /^Time zone/ }).fill('Mars/Olympus');
    await page.getByText('Unknown time zone "Mars/Olympus"', { exact: false }).first().waitFor();
  }, 60_000);
});
