// Placeholder until the asset drawer lands (issue 4): the route exists so deep links resolve.
export function AssetViewer({ id }: { id: string }) {
  return <div data-asset-viewer={id} hidden />;
}
