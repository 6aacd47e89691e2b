import { CONTACT_STATUS_LABELS, type ContactStatus } from "~/schemas/contact-requests";

const TAG_CLASS: Record<ContactStatus, string> = { new: "tag tag--blue", contacted: "tag tag--amber", closed: "tag tag--grey" };

/** Where a contact request stands, as a coloured tag with the word in it. */
export function ContactStatusTag({ status }: { status: ContactStatus }) {
  return <span className={TAG_CLASS[status]}>{CONTACT_STATUS_LABELS[status]}</span>;
}
