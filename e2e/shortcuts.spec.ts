/** The keyboard shortcuts list: the ? key and the header button open it; Esc and Close shut it. */
import { expect, test } from "@playwright/test";
import { emptyDataDir, type RunningServer, startServer } from "./support/seeded-server";

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer(emptyDataDir());
});
test.afterAll(async () => server?.stop());

test("? lists the keyboard shortcuts; Esc closes the list and the focus comes back", async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole("heading", { name: "Library" })).toBeAttached();
  await page.keyboard.press("Shift+Slash"); // "?"
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("region", { name: "Selection" })).toContainText("Select everything in between");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  const button = page.getByRole("button", { name: "Keyboard shortcuts" });
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
});
