/** What an attached file will be sent as; null when LINE does not take it. */
export type AttachKind = "image" | "video";

export function attachKind(file: { type: string; name: string }): AttachKind | null {
  const type = file.type.toLowerCase();
  if (type === "image/jpeg" || type === "image/png") return "image";
  if (type === "video/mp4") return "video";
  // Some systems give no type for a dropped file: the backend checks the bytes anyway.
  if (type === "") {
    const ext = file.name.toLowerCase().split(".").pop() ?? "";
    if (ext === "jpg" || ext === "jpeg" || ext === "png") return "image";
    if (ext === "mp4") return "video";
  }
  return null;
}

/** Base64 of an ArrayBuffer, in chunks (a spread of millions of bytes overflows the stack). */
export function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** LINE shows a video with a preview image: the frame at 0.5 s (or the first), as JPEG. */
export async function videoPreview(file: Blob): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    const video = document.createElement("video");
    video.muted = true;
    video.preload = "auto";
    video.src = url;
    await new Promise<void>((resolve, reject) => {
      video.onloadeddata = () => resolve();
      video.onerror = () => reject(new Error("video"));
    });
    video.currentTime = Math.min(0.5, (video.duration || 0) / 2);
    await new Promise<void>((resolve) => {
      video.onseeked = () => resolve();
    });
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")?.drawImage(video, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("preview"))), "image/jpeg", 0.85),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
