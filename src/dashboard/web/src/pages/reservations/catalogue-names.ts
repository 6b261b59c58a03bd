import { api, unwrap } from '../../api/client';
import { useLoad } from '../../ui/useLoad';

export interface Names {
  model: (code: string) => string;
  part: (code: string) => string;
}

/** Model and part names by code: bookings carry codes only, the admin reads names. */
export function useCatalogueNames(): Names {
  const { data } = useLoad(
    () =>
      Promise.all([
        unwrap(api.GET('/api/admin/reservations/models')),
        unwrap(api.GET('/api/admin/reservations/parts')),
      ]),
    [],
  );
  const models = new Map(data?.[0].map((m) => [m.code, m.name]));
  const parts = new Map(data?.[1].map((p) => [p.code, p.name]));
  return { model: (code) => models.get(code) ?? code, part: (code) => parts.get(code) ?? code };
}
