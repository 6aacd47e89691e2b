/**
 * The password rules, following NCSC and NIST guidance: long rather than complex, any
 * characters, and not one that is known to be common.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// Common passwords of 12 characters or more, from published breach frequency lists, plus the
// obvious ones for this service. Compared case-insensitively and ignoring spaces.
const COMMON = new Set(
  [
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456123456",
    "111111111111",
    "000000000000",
    "123123123123",
    "qwertyuiop12",
    "qwertyuiop123",
    "qwertyuiopasdf",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "q1w2e3r4t5y6",
    "zaq12wsxcde3",
    "asdfghjkl123",
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "password1!23",
    "p@ssw0rd1234",
    "p@ssword1234",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "welcome123456",
    "football1234",
    "baseball1234",
    "sunshine1234",
    "princess1234",
    "abc123456789",
    "abcdefghijkl",
    "abcd12345678",
    "qwerty123456",
    "qwertyqwerty",
    "1234qwerty1234",
    "monkey123456",
    "dragon123456",
    "master123456",
    "superman1234",
    "trustno11234",
    "starwars1234",
    "changeme1234",
    "changeme12345",
    "administrator",
    "administrator1",
    "adminadmin123",
    "admin1234567",
    "mypassword123",
    "mypassword1234",
    "secretpassword",
    "supersecret123",
    "correcthorsebatterystaple",
    "parentcarerforum",
    "parentcarer123",
    "birmingham123",
    "birmingham1234",
    "birminghamcity",
    "send12345678",
    "sencosenco12",
    "forum1234567",
    "forumpassword",
    "qazwsxedcrfv",
    "1qazxsw23edc",
    "zxcvbnm12345",
    "zxcvbnmasdfg",
    "asdfasdfasdf",
    "aaaaaaaaaaaa",
    "liverpool123",
    "liverpool1234",
    "manchester123",
    "chelsea12345",
    "arsenal12345",
    "summer2024!!",
    "summer202412",
    "winter202412",
    "spring202412",
    "autumn202412",
    "january12345",
    "september123",
    "password2024",
    "password2025",
    "password2026",
    "welcome2024!",
    "welcome2025!",
    "welcome2026!",
    "letmeinplease",
    "iloveyou12345",
  ].map((p) => p.toLowerCase()),
);

type PasswordProblem = "too_short" | "too_long" | "too_common" | "contains_email";

export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "too_short";
  if (length > PASSWORD_MAX) return "too_long";
  const folded = password.toLowerCase().replace(/\s+/g, "");
  if (COMMON.has(folded)) return "too_common";
  // A password made of one character or of a short repeated pattern is as weak as a common one.
  if (/^(.{1,4})\1+$/.test(folded)) return "too_common";
  const local = email?.toLowerCase().split("@")[0];
  if (local && local.length >= 4 && folded.includes(local)) return "contains_email";
  return null;
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be at least ${PASSWORD_MIN} characters. A few unrelated words make a strong one.`,
  too_long: `Password must be ${PASSWORD_MAX} characters or fewer`,
  too_common: "This password is too common. Choose one that is harder to guess, such as three unrelated words.",
  contains_email: "Password must not contain your email address",
};
