// The admin's token lives in session storage: it goes with the tab, and sign-out or a 401 drops it.
const TOKEN_KEY = 'loket.admin.token';
const USER_KEY = 'loket.admin.user';

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  token: (): string | null => {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  user: (): SessionUser | null => {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  },
  start: (token: string, user: SessionUser): void => {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    listeners.forEach((listener) => listener());
  },
  end: (): void => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
