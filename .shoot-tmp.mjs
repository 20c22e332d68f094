import { chromium } from "playwright";
const base = "http://127.0.0.1:5301";
const step = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
async function open(colorScheme, width = 1280, height = 800) {
  const ctx = await browser.newContext({ colorScheme, viewport: { width, height } });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.log("console:", m.text()); });
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  await page.goto(base + "/");
  return page;
}
async function waitImages(page) {
  await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll("li[data-asset-id] img")];
    const tiles = document.querySelectorAll("li[data-asset-id]").length;
    return tiles > 0 && imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 30000 });
  await page.waitForTimeout(500);
}
if (step === "empty") {
  const page = await open("light");
  await page.getByRole("heading", { name: "Your library is empty" }).waitFor();
  await page.screenshot({ path: "/tmp/shots/empty-light.png" });
  const dark = await open("dark");
  await dark.getByRole("heading", { name: "Your library is empty" }).waitFor();
  await dark.screenshot({ path: "/tmp/shots/empty-dark.png" });
}
if (step === "grid") {
  const page = await open("light");
  await waitImages(page);
  await page.locator("li[data-asset-id]").first().hover();
  await page.screenshot({ path: "/tmp/shots/grid-light.png" });
  const dark = await open("dark");
  await waitImages(dark);
  await dark.keyboard.press("Tab"); await dark.keyboard.press("Tab"); await dark.keyboard.press("Tab");
  await dark.screenshot({ path: "/tmp/shots/grid-dark.png" });
  const mobile = await open("light", 390, 800);
  await waitImages(mobile);
  await mobile.screenshot({ path: "/tmp/shots/grid-mobile.png" });
  // toggle to dark on a light system
  await page.getByRole("button", { name: "Dark mode" }).click();
  await page.screenshot({ path: "/tmp/shots/grid-toggled-dark.png" });
  console.log("html class after toggle:", await page.evaluate(() => document.documentElement.className), await page.evaluate(() => localStorage.getItem("gumleaf:theme")));
  await page.reload(); await waitImages(page);
  console.log("html class after reload:", await page.evaluate(() => document.documentElement.className));
}
if (step === "rejected") {
  const page = await open("light");
  await page.locator("li[data-asset-id]").first().waitFor();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await (await chooser).setFiles(["e2e/fixtures/photos/not-an-image.jpg", "e2e/fixtures/photos/truncated.jpg", "e2e/fixtures/photos/kathmandu.jpg", "e2e/fixtures/photos/paris.heic", "e2e/fixtures/photos/no-metadata.png"]);
  await page.getByText("Rejected:").first().waitFor();
  await page.waitForFunction(() => !document.body.innerText.includes("Waiting…") && !document.body.innerText.includes("Processing…") && !/\d+%/.test(document.querySelector('[aria-labelledby="upload-panel-heading"]')?.innerText ?? ""), null, { timeout: 30000 });
  await page.waitForTimeout(3000);
  await page.screenshot({ path: "/tmp/shots/upload-panel-rejected.png" });
  const dark = await open("dark");
  await page.waitForTimeout(100);
  console.log(await page.locator('[aria-labelledby="upload-panel-heading"]').innerText());
}
if (step === "error") {
  const ctx = await browser.newContext({ colorScheme: "light", viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.route("**/api/assets**", (r) => r.abort("connectionrefused"));
  await page.goto(base + "/");
  await page.screenshot({ path: "/tmp/shots/loading-light.png" });
  await page.getByRole("button", { name: "Retry" }).waitFor({ timeout: 20000 });
  await page.screenshot({ path: "/tmp/shots/error-light.png" });
}
await browser.close();
