// strerror(3)'s words for the errno codes Node's fs errors carry ("Permission denied" for
// EACCES): what systemd prints where tsd reports a file system failure.

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'Permission denied', EPERM: 'Operation not permitted', ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory', EEXIST: 'File exists', EROFS: 'Read-only file system', ENOSPC: 'No space left on device',
  ELOOP: 'Too many levels of symbolic links', ENAMETOOLONG: 'File name too long', EISDIR: 'Is a directory', EBUSY: 'Device or resource busy',
};

/** The strerror() text of an errno code ("ENOENT"); undefined for a code not in the table. */
export function errnoText(code: string | undefined): string | undefined {
  return code === undefined ? undefined : ERRNO_TEXT[code];
}
