import { useRef } from "react";
import { Button, type ButtonProps } from "../../components/ui/button";
import { UploadIcon } from "../../components/ui/icons";
import { useUploadQueue } from "./upload-queue-provider";

/** What the picker offers. HEIC/HEIF are listed by extension: browsers rarely map them to image/*. */
export const UPLOAD_ACCEPT = "image/*,video/*,.heic,.heif";

/** A button that opens the file picker and queues what the user chose. */
export function UploadButton({
  label = "Upload",
  variant = "primary",
  ...props
}: { label?: string } & Omit<ButtonProps, "onClick" | "children">) {
  const input = useRef<HTMLInputElement>(null);
  const queue = useUploadQueue();

  return (
    <>
      <Button variant={variant} onClick={() => input.current?.click()} {...props}>
        <UploadIcon className="size-4" />
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={UPLOAD_ACCEPT}
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Clear it so choosing the same file again still fires `change`.
          event.currentTarget.value = "";
          queue.add(files);
        }}
      />
    </>
  );
}
