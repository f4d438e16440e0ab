// Boot: the server's settings, the session and the UI config, then the login page or the app.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, type Server, type UiConfig, type User } from "./api";
import "./styles.css";
import { Login } from "./views/Login";
import { Shell } from "./views/Shell";

function App() {
  const [boot, setBoot] = useState<{ server: Server; config: UiConfig } | null>(null);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.server(), api.config(), api.session()])
      .then(([server, config, session]) => {
        setBoot({ server, config });
        setUser(session);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  if (error) return <div class="boot-error">Cannot reach the Fleetwire API: {error}</div>;
  if (!boot || user === undefined) return <div class="boot">Loading…</div>;
  if (!user)
    return (
      <Login
        server={boot.server}
        onLogin={(u) => {
          setUser(u);
          void api.server().then((server) => setBoot({ ...boot, server }));
        }}
      />
    );
  return <Shell user={user} config={boot.config} onLogout={() => setUser(null)} />;
}

render(<App />, document.getElementById("app")!);
