// Administrators: the users, a form to add one, and which devices each user may see (Traccar's
// user→device permission links).
import { useEffect, useState } from "preact/hooks";
import { api, type Device, type User } from "../api";

export function Users({ devices, me }: { devices: Device[]; me: User }) {
  const [users, setUsers] = useState<User[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [linked, setLinked] = useState<Set<number>>(new Set());
  const [form, setForm] = useState({ name: "", email: "", password: "", administrator: false });
  const [error, setError] = useState<string | null>(null);

  const load = () => api.users().then(setUsers, (e: Error) => setError(e.message));
  useEffect(() => void load(), []);
  useEffect(() => {
    if (chosen === null) return;
    api.devices(chosen).then(
      (ds) => setLinked(new Set(ds.map((d) => d.id))),
      (e: Error) => setError(e.message),
    );
  }, [chosen]);

  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await api.createUser(form);
      setForm({ name: "", email: "", password: "", administrator: false });
      await load();
      setChosen(u.id);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const toggle = async (deviceId: number, on: boolean) => {
    if (chosen === null) return;
    setError(null);
    try {
      await (on ? api.link(chosen, deviceId) : api.unlink(chosen, deviceId));
      const next = new Set(linked);
      if (on) next.add(deviceId);
      else next.delete(deviceId);
      setLinked(next);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const remove = async (u: User) => {
    if (!confirm(`Delete ${u.email}?`)) return;
    await api.deleteUser(u.id).catch((e: Error) => setError(e.message));
    if (chosen === u.id) setChosen(null);
    await load();
  };

  const user = users.find((u) => u.id === chosen);
  return (
    <div class="split">
      <div class="toolbar">
        <h2>Users</h2>
      </div>
      {error && <p class="error pad">{error}</p>}
      <div class="columns pad">
        <div>
          <table data-testid="users">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} class={u.id === chosen ? "selected" : ""} onClick={() => setChosen(u.id)}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>{u.administrator ? "administrator" : u.readonly ? "read-only" : "user"}</td>
                  <td>
                    {u.id !== me.id && (
                      <button class="link" onClick={(e) => (e.stopPropagation(), void remove(u))}>
                        delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form class="card add-user" onSubmit={add}>
            <h3>Add a user</h3>
            <input placeholder="Name" name="name" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <input placeholder="Email" name="email" required value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />
            <input
              placeholder="Password"
              name="password"
              type="password"
              required
              value={form.password}
              onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
            <label class="check">
              <input type="checkbox" checked={form.administrator} onChange={(e) => setForm({ ...form, administrator: e.currentTarget.checked })} />{" "}
              administrator
            </label>
            <button type="submit">Add</button>
          </form>
        </div>
        <div>
          {user ? (
            <>
              <h3>Devices {user.email} can see</h3>
              {user.administrator && <p class="note">An administrator sees every device.</p>}
              <ul class="links" data-testid="user-devices">
                {devices.map((d) => (
                  <li key={d.id}>
                    <label class="check">
                      <input type="checkbox" checked={linked.has(d.id)} onChange={(e) => toggle(d.id, e.currentTarget.checked)} /> {d.name}{" "}
                      <span class="note">{d.uniqueId}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="note">Choose a user to assign devices.</p>
          )}
        </div>
      </div>
    </div>
  );
}
