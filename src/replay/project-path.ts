// replay/ (layer 9): Claude Code names each projects sub-folder after the working directory, with every
// character that is not a letter or digit replaced by `-` (`/home/me/src/app` → `-home-me-src-app`; a
// Windows `C:\src\app` → `C--src-app`). The path is shown as such a folder most likely reads; a `-` that
// was a `-`, `.` or `_` in the original cannot be told apart, so the folder name stays in the JSON key.
export function decodeProject(folder: string): string {
  if (/^[A-Za-z]--/.test(folder)) return `${folder[0]}:\\${folder.slice(3).replace(/-/g, '\\')}`;
  if (folder.startsWith('-')) return folder.replace(/-/g, '/');
  return folder;
}
