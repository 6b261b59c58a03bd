import { api, unwrap } from '../../api/client';
import { ErrorNote, Loading } from '../../ui/Feedback';
import { useLoad } from '../../ui/useLoad';
import { ClosedDatesCard } from './ClosedDatesCard';
import { ItemsCard } from './ItemsCard';
import { PricesCard } from './PricesCard';
import { SlotsCard } from './SlotsCard';

/** The catalogue and calendar: prices, slots with their capacity, closed dates, models and parts. */
export function CataloguePage() {
  const catalogue = useLoad(async () => {
    const [models, parts, prices, slots, closed] = await Promise.all([
      unwrap(api.GET('/api/admin/reservations/models')),
      unwrap(api.GET('/api/admin/reservations/parts')),
      unwrap(api.GET('/api/admin/reservations/prices')),
      unwrap(api.GET('/api/admin/reservations/slots')),
      unwrap(api.GET('/api/admin/reservations/closed-dates')),
    ]);
    return { models, parts, prices, slots, closed };
  }, []);
  const c = catalogue.data;
  return (
    <>
      <ErrorNote error={catalogue.error} />
      {!c && catalogue.loading && <Loading />}
      {c && (
        <div className="res-catalogue">
          <PricesCard prices={c.prices} models={c.models} parts={c.parts} reload={catalogue.reload} />
          <SlotsCard slots={c.slots} reload={catalogue.reload} />
          <ClosedDatesCard closed={c.closed} reload={catalogue.reload} />
          <ItemsCard kind="models" items={c.models} reload={catalogue.reload} />
          <ItemsCard kind="parts" items={c.parts} reload={catalogue.reload} />
        </div>
      )}
    </>
  );
}
