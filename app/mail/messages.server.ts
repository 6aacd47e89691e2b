import type { WhatWaits } from "~/models/overview.server";
import type { OutgoingMail } from "~/models/mail-outbox.server";

/**
 * The words of each message. Plain text, English (staff mail). A message never holds an answer,
 * a parent's name or contact detail: it says what waits and links to the page behind sign-in.
 */

export function safeguardingFlagMail(forum: { id: string; name: string }, to: string, base: string): OutgoingMail {
  return {
    forumId: forum.id,
    kind: "safeguarding_flag",
    to,
    subject: `${forum.name}: an answer was flagged for safeguarding`,
    text: [
      `A moderator flagged an answer to a ${forum.name} survey as a possible safeguarding concern.`,
      "",
      "Follow the forum's safeguarding procedure. The answer and the moderator's note are on your list (sign in first):",
      `${base}/admin/moderation/safeguarding`,
      "",
      "You get this message because you are the forum's safeguarding lead.",
    ].join("\n"),
  };
}

export function dailySummaryMail(forum: { id: string; name: string }, to: string, base: string, waits: WhatWaits): OutgoingMail {
  const lines = [
    [waits.newContactRequests, "new contact request", "new contact requests", "/admin/contact-requests?status=new"],
    [waits.openSafeguarding, "open safeguarding flag", "open safeguarding flags", "/admin/moderation/safeguarding"],
    [
      waits.reviewsDue,
      "“you said, we did” item due or overdue for review",
      "“you said, we did” items due or overdue for review",
      "/admin/you-said-we-did",
    ],
    [waits.toModerate, "answer to moderate", "answers to moderate", "/admin/moderation"],
    [waits.surveysClosingSoon, "survey closing within 14 days", "surveys closing within 14 days", "/admin/surveys"],
  ] as const;
  return {
    forumId: forum.id,
    kind: "daily_summary",
    to,
    subject: `${forum.name}: what waits today`,
    text: [
      `What waits in ${forum.name} today:`,
      "",
      ...lines.map(([n, one, many, path]) => `- ${n} ${n === 1 ? one : many}: ${base}${path}`),
      "",
      `The overview: ${base}/admin`,
      "You get this message once a day because you are an admin of the forum.",
    ].join("\n"),
  };
}

export function staffInvitationMail(forum: { id: string; name: string }, to: string, role: string, link: string): OutgoingMail {
  return {
    forumId: forum.id,
    kind: "staff_invitation",
    to,
    subject: `You are invited to ${forum.name}`,
    text: [
      `You are invited to join ${forum.name} as ${role === "admin" ? "an admin" : `a ${role === "board" ? "board member" : role}`}.`,
      "",
      "Open this link to choose your password. It works once, for this address, and runs out in 7 days:",
      link,
      "",
      "If you did not expect this, ignore this message.",
    ].join("\n"),
  };
}

export function passwordResetMail(forum: { id: string; name: string }, to: string, link: string): OutgoingMail {
  return {
    forumId: forum.id,
    kind: "password_reset",
    to,
    subject: `${forum.name}: reset your password`,
    text: [
      `An admin of ${forum.name} made you a link to choose a new password. It works once and runs out in 7 days:`,
      link,
      "",
      "Using it signs you out everywhere. If you did not ask for this, tell the forum's admin.",
    ].join("\n"),
  };
}
