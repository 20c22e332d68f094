import { type ChangeEvent, useRef } from "react";
import { Button, type ButtonProps } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { UploadIcon } from "../../components/ui/icons";
import { pickedFromFileList } from "./collect-files";
import { FolderUploadIcon } from "./upload-icons";
import { useUploadQueue } from "./upload-queue-provider";

/**
 * What the file picker offers. HEIC/HEIF are listed by extension: browsers rarely map them to image/*.
 * It is a hint to the picker, not a filter: dropped files and folders go to the server unfiltered.
 */
export const UPLOAD_ACCEPT = "image/*,video/*,.heic,.heif";

/**
 * "Upload" opens the file picker; the folder button beside it picks a whole
 * folder (`webkitdirectory`, every browser supports it). Both feed the queue.
 */
export function UploadButton({
  label = "Upload",
  variant = "primary",
  compact = false,
  className,
  ...props
}: {
  label?: string;
  /** In the header: the label gives way to the icon alone on a phone. */
  compact?: boolean;
} & Omit<ButtonProps, "onClick" | "children">) {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const queue = useUploadQueue();

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.currentTarget.files ?? []);
    // Clear it so choosing the same files again still fires `change`.
    event.currentTarget.value = "";
    queue.add(pickedFromFileList(files));
  };

  return (
    <div className={cx("inline-flex items-stretch", className)}>
      <Button
        variant={variant}
        onClick={() => filesInput.current?.click()}
        className="rounded-r-none"
        title="Choose photos and videos to upload (or drop files and folders anywhere on the page)"
        {...props}
      >
        <UploadIcon className="size-4" />
        {/* On a phone the icon alone (the header has no room); screen readers still hear it. */}
        <span className={compact ? "max-sm:sr-only" : undefined}>{label}</span>
      </Button>
      <Button
        variant={variant}
        size="icon"
        onClick={() => folderInput.current?.click()}
        aria-label="Upload a folder"
        title="Upload a folder"
        className={cx(
          "rounded-l-none border-l",
          variant === "primary" ? "border-emerald-600 dark:border-emerald-500" : "border-l-transparent",
        )}
        disabled={props.disabled}
      >
        <FolderUploadIcon className="size-[18px]" />
      </Button>
      <input ref={filesInput} type="file" multiple accept={UPLOAD_ACCEPT} hidden tabIndex={-1} onChange={onChange} />
      <input
        ref={(node) => {
          folderInput.current = node;
          // Not in React's input props; set as plain attributes.
          node?.setAttribute("webkitdirectory", "");
          node?.setAttribute("directory", "");
        }}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={onChange}
        data-testid="upload-folder-input"
      />
    </div>
  );
}
