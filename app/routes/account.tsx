import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";
import { StaffNav } from "~/components/staff-nav";

/**
 * The staff navigation, once, around the account page (two-factor set-up, which works before a full
 * staff session, sits outside it). This check only feeds the
 * navigation: each page's own loader and action still check their role.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  // The navigation only: the header's forum brand still comes from the page, as before.
  return { nav: staffChrome(await requireStaff(request)).nav };
}

export default function AccountLayout() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <StaffNav nav={data.nav} current={location.pathname} />
      <Outlet />
    </>
  );
}
