// The public pages' paths, known to App before it loads any of their code.

export const PUBLIC_PATH = /^\/([rs])\/([^/]+)\/?$/;

/** Whether a path is the resident's form or status page, shown without any session. */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATH.test(pathname);
}
