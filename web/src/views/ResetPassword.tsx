// Password reset at /reset-password, the path the server's reset email links to (traccar-web's):
// without a token, ask for the email address and have the server mail a link; with
// ?passwordReset=TOKEN (that link), set a new password. The server answers the same for any
// address, so the message after a request says "if". A link the server refuses (used, expired)
// leads to asking for a new one, not to typing passwords it will refuse again.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { navigate } from "../router";

export function ResetPassword({ token, onBack }: { token: string | null; onBack: () => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [spent, setSpent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (token) {
        await api.updatePassword(token, password);
        setDone("Your new password is set: log in with it.");
      } else {
        await api.resetPassword(email);
        setDone("If an account has this address, an email with a link to set a new password is on its way.");
      }
    } catch (err) {
      // the server's 400 for a token it does not take names the token; other 400s are the password's
      if (token && err instanceof ApiError && err.status === 400 && /token/i.test(err.message)) setSpent(true);
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (spent)
    return (
      <div class="login">
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            navigate("/reset-password");
          }}
        >
          <h1>New password</h1>
          <p class="note">This link no longer works: it was used already, or it expired.</p>
          <button type="submit">Email me a new link</button>
          <button type="button" class="link" onClick={onBack}>
            Back to login
          </button>
        </form>
      </div>
    );

  return (
    <div class="login">
      <form class="card" onSubmit={submit}>
        <h1>{token ? "New password" : "Reset password"}</h1>
        {done ? (
          <p class="note">{done}</p>
        ) : token ? (
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
        ) : (
          <>
            <p class="note">Enter the email address of your account: the server sends it a link to set a new password.</p>
            <label>
              Email
              <input name="email" type="email" autoComplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            </label>
          </>
        )}
        {error && <p class="error">{error}</p>}
        {!done && (
          <button type="submit" disabled={busy}>
            {token ? "Set password" : "Email me a link"}
          </button>
        )}
        {done && token ? (
          <button type="button" onClick={onBack}>
            Log in
          </button>
        ) : (
          <button type="button" class="link" onClick={onBack}>
            Back to login
          </button>
        )}
      </form>
    </div>
  );
}
