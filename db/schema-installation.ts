/**
 * Tables of whoever runs the installation (as against a forum's own staff). Same portability
 * rules as `./schema`.
 */

/**
 * A person who runs the installation: may create forums and import outside forums' counts files
 * from the web pages, as `npm run forum` and `npm run network` do from the command line. Granted
 * and withdrawn only from the command line (`npm run staff -- operator`), never from a page.
 */
export interface InstallationOperatorTable {
  user_id: string;
  granted_at: string;
  granted_by: string;
}
