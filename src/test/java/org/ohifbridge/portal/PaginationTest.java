package org.ohifbridge.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaginationTest {
    @Test
    void pagesRowsAndNeighbours() {
        Pagination p = new Pagination(2, 25, 60);
        assertEquals(3, p.pages());
        assertEquals(25, p.first());
        assertEquals(25, p.rows());
        assertTrue(p.hasPrevious());
        assertTrue(p.hasNext());
        Pagination last = new Pagination(3, 25, 60);
        assertEquals(10, last.rows());
        assertFalse(last.hasNext());
        assertEquals(new Pagination(3, 25, 60), new Pagination(99, 25, 60), "past the end shows the last page");
        assertEquals(1, new Pagination(0, 25, 60).page());
        Pagination empty = new Pagination(1, 25, 0);
        assertEquals(1, empty.pages());
        assertEquals(0, empty.rows());
        assertFalse(empty.hasNext() || empty.hasPrevious());
        assertThrows(IllegalArgumentException.class, () -> new Pagination(1, 0, 5));
    }

    @Test
    void newestFirstWindowsOverAnOldestFirstList() {
        // 60 studies in arrival order 0..59: page 1 = 59..35, page 2 = 34..10, page 3 = 9..0
        assertEquals(35, new Pagination(1, 25, 60).sinceNewestFirst());
        assertEquals(10, new Pagination(2, 25, 60).sinceNewestFirst());
        assertEquals(0, new Pagination(3, 25, 60).sinceNewestFirst());
        assertEquals(10, new Pagination(3, 25, 60).rows());
        assertEquals(0, new Pagination(1, 25, 7).sinceNewestFirst());
    }
}
