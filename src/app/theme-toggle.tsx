import { Button } from "../components/ui/button";
import { MoonIcon, SunIcon } from "../components/ui/icons";
import { setTheme, useTheme } from "./theme";

export function ThemeToggle() {
  const theme = useTheme();
  const dark = theme === "dark";
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label="Dark mode"
      aria-pressed={dark}
      title={dark ? "Switch to light mode" : "Switch to dark mode"}
      onClick={() => setTheme(dark ? "light" : "dark")}
    >
      {dark ? <MoonIcon className="size-5" /> : <SunIcon className="size-5" />}
    </Button>
  );
}
