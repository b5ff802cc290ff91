package org.ohifbridge.portal;

/**
 * One page of a list: 1-based {@code page} of {@code size} rows out of {@code total}. A page past the end shows the
 * last one.
 */
public record Pagination(int page, int size, long total) {
    public Pagination {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        total = Math.max(0, total);
        page = (int) Math.max(1, Math.min(page, pages(total, size)));
    }

    private static long pages(long total, int size) {
        return Math.max(1, (total + size - 1) / size);
    }

    public long pages() {
        return pages(total, size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    /** Index of the first row of this page in the whole list (0-based). */
    public long first() {
        return (long) (page - 1) * size;
    }

    /** Rows on this page. */
    public int rows() {
        return (int) Math.max(0, Math.min(size, total - first()));
    }

    /**
     * Newest first over a list kept oldest first (Orthanc's {@code /studies?since=&limit=} is in arrival order): the
     * {@code since} to ask for this page; ask {@link #rows()} items and reverse them.
     */
    public long sinceNewestFirst() {
        return Math.max(0, total - first() - rows());
    }
}
