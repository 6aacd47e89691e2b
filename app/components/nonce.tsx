import { createContext, useContext } from "react";

/**
 * The request's Content-Security-Policy nonce, given by the server to the scripts Remix renders
 * inline. Browsers hide a nonce from the page once it is parsed, so in the browser it is empty.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
