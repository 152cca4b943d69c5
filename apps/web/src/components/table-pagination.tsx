import { Pagination } from '@mantine/core';
import { useIntl } from 'react-intl';

/** Page controls for a server-paged table, with translated labels; hidden when one page suffices. */
export function TablePagination({
  page,
  pages,
  onChange,
}: {
  page: number;
  pages: number;
  onChange: (page: number) => void;
}) {
  const intl = useIntl();
  if (pages <= 1) return null;
  const labels = {
    first: 'common.firstPage',
    previous: 'common.previousPage',
    next: 'common.nextPage',
    last: 'common.lastPage',
  };
  return (
    <Pagination
      total={pages}
      value={Math.min(page, pages)}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': intl.formatMessage({ id: labels[control] }) })}
      getItemProps={(item) => ({ 'aria-label': intl.formatMessage({ id: 'common.page' }, { page: item }) })}
    />
  );
}
