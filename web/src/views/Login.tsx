// Log in with email (or login) and password; on a new server (no users yet) or one with open
// registration, create an account: the first one becomes the administrator. When the server can
// send email, "Forgot password?" leads to /reset-password (views/ResetPassword.tsx).
import { useState } from "preact/hooks";
import { api, ApiError, type Server, type User } from "../api";
import { navigate, useRoute } from "../router";
import { ResetPassword } from "./ResetPassword";

export function Login({ server, onLogin }: { server: Server; onLogin: (u: User) => void }) {
  const canRegister = Boolean(server.newServer || server.registration);
  const [register, setRegister] = useState(Boolean(server.newServer));
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const route = useRoute();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (register) await api.register(name || email, email, password);
      onLogin(await api.login(email, password));
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 ? "Wrong email or password." : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (route.path === "/reset-password")
    // keyed by the token: asking for a new link after a spent one starts afresh
    return <ResetPassword key={route.params.get("passwordReset") ?? ""} token={route.params.get("passwordReset")} onBack={() => navigate("/")} />;

  return (
    <div class="login">
      <form class="card" onSubmit={submit}>
        <h1>Fleetwire</h1>
        {register && server.newServer && <p class="note">A new server: the first account is its administrator.</p>}
        {register && (
          <label>
            Name
            <input name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        )}
        <label>
          Email
          <input name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={register ? "new-password" : "current-password"}
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && <p class="error">{error}</p>}
        <button type="submit" disabled={busy}>
          {register ? "Create account" : "Log in"}
        </button>
        {canRegister && (
          <button type="button" class="link" onClick={() => setRegister(!register)}>
            {register ? "I have an account: log in" : "Create an account"}
          </button>
        )}
        {server.emailEnabled && !register && (
          <button type="button" class="link" onClick={() => navigate("/reset-password")}>
            Forgot password?
          </button>
        )}
      </form>
    </div>
  );
}
