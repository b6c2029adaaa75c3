// One upload path for both ways a person can give a file: dropping it on the zone or
// picking it with the file input. Either way the page gets a single File.

export interface UploadZoneOptions {
  zone: HTMLElement;
  input: HTMLInputElement;
  onFile: (file: File) => void;
}

export function attachUploadZone({ zone, input, onFile }: UploadZoneOptions): void {
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = ''; // picking the same file again should upload again
  });
  // The whole zone opens the picker from the keyboard, as the label does for the mouse.
  zone.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.click();
    }
  });
  let depth = 0; // dragenter/dragleave fire for every child; count to know when we really left
  zone.addEventListener('dragenter', (event) => {
    event.preventDefault();
    depth++;
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('dragging');
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault(); // without this the browser opens the file instead of dropping it
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) onFile(file);
  });
  // A file dropped beside the zone would navigate away from the page: refuse it.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
}
