package org.ohifbridge.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Several filters in one registration, run in the given order: the first is outermost. Two filters registered
 * separately "before the others" are not run in the same order by every container; one registration makes it certain.
 */
public final class FilterSequence implements Filter {
    private final List<Filter> filters;

    public FilterSequence(Filter... filters) {
        this.filters = List.of(filters);
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        for (Filter f : filters) {
            f.init(config);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        next(0, chain).doFilter(request, response);
    }

    private FilterChain next(int index, FilterChain last) {
        if (index == filters.size()) {
            return last;
        }
        return (rq, rs) -> filters.get(index).doFilter(rq, rs, next(index + 1, last));
    }

    @Override
    public void destroy() {
        for (Filter f : filters) {
            f.destroy();
        }
    }
}
