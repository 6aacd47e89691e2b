import { MODE_ACTIVITY, type AssistedMode } from "~/domain/response-modes";

/** The banner's data (from assistedBanner in app/respondent/assisted.server.ts). */
export interface AssistedBannerProps {
  mode: AssistedMode;
  state: "active" | "signed_out" | "refused";
  stop: string;
  signIn: string;
  another: string;
}

/** The survey page a banner sits on: the consent page and the confirmation say a little more. */
export type AssistedPage = "consent" | "question" | "check" | "done" | "save";

/**
 * On every survey page of a browser entering a response for someone, above what the person sees:
 * who is doing what, and the way out. In English whatever the survey's language, since it speaks
 * to the member of staff, not to the person answering.
 */
export function AssistedBanner({ banner, page }: { banner: AssistedBannerProps | null | undefined; page: AssistedPage }) {
  if (!banner) return null;
  const activity = MODE_ACTIVITY[banner.mode];
  const stop = <a href={banner.stop}>Stop entering responses for someone</a>;
  if (banner.state !== "active") {
    return (
      <section className="notification notification--warning" aria-label="Entering a response for someone" lang="en" dir="ltr">
        <p className="notification__title">
          {banner.state === "signed_out"
            ? `Your sign-in has ended: sign in again to go on entering ${activity} for someone`
            : `You can no longer enter ${activity} for someone in this browser`}
        </p>
        <p className="body">
          {banner.state === "signed_out" ? (
            <>
              <a href={banner.signIn}>Sign in again</a>. Nothing can be sent until you do. Or{" "}
            </>
          ) : null}
          {stop}.
        </p>
      </section>
    );
  }
  return (
    <section className="notification notification--info" aria-label="Entering a response for someone" lang="en" dir="ltr">
      <p className="notification__title">{`You are entering ${activity} for someone`}</p>
      {page === "consent" ? (
        <p className="body">
          Read this page to them and ask before you tick each box: you are ticking consent on their behalf, so tick only what they agree to.
        </p>
      ) : null}
      {page === "done" ? (
        <p className="body">
          {`Sent, and recorded as ${activity} you entered. Give them the receipt code below: it lets them check or withdraw their answers. `}
          <a href={banner.another}>Enter another</a>.
        </p>
      ) : null}
      <p className="body">{stop}.</p>
    </section>
  );
}
