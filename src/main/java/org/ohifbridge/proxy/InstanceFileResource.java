package org.ohifbridge.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.CloseableService;
import org.ohifbridge.orthanc.OrthancClient;

/**
 * One stored DICOM file, streamed from Orthanc byte for byte: {@code curl -o x.dcm {ctx}/instances/<id>/file}.
 */
@Path("instances/{id}/file")
@ApplicationScoped
public class InstanceFileResource {
    /** Orthanc's identifiers: a SHA-1 written as five dash-separated groups of 8 lower-case hex digits. */
    public static final Pattern ORTHANC_ID = Pattern.compile("[0-9a-f]{8}(?:-[0-9a-f]{8}){4}");

    @Inject
    OrthancClient orthanc;

    @GET
    public Response file(@PathParam("id") String id, @Context HttpServletRequest request,
                         @Context CloseableService closer) {
        if (!ORTHANC_ID.matcher(id).matches()) {
            throw new BadRequestException("not an Orthanc instance id");
        }
        Response upstream = orthanc.get("instances/" + id + "/file", ForwardedHeaders.request(name -> RawAcceptFilter.header(request, name)));
        closer.add(upstream::close);
        return UpstreamBody.relay(upstream, "", false, "instance " + id);
    }
}
