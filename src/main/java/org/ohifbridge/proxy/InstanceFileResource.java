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
import org.glassfish.jersey.server.CloseableService;
import org.ohifbridge.access.StudyGate;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancNotFoundException;
import org.ohifbridge.orthanc.OrthancIds;

/**
 * One stored DICOM file, streamed from Orthanc byte for byte: {@code curl -o x.dcm {ctx}/instances/<id>/file}.
 */
@Path("instances/{id}/file")
@ApplicationScoped
public class InstanceFileResource {
    private final OrthancApi orthanc;
    private final StudyGate gate;

    /** For CDI's client proxy only. */
    protected InstanceFileResource() {
        this.orthanc = null;
        this.gate = null;
    }

    @Inject
    public InstanceFileResource(OrthancApi orthanc, StudyGate gate) {
        this.orthanc = orthanc;
        this.gate = gate;
    }

    @GET
    public Response file(@PathParam("id") String id, @Context HttpServletRequest request,
                         @Context CloseableService closer) {
        if (!OrthancIds.isValid(id)) {
            throw new BadRequestException("not an Orthanc instance id");
        }
        if (!gate.seesInstance(request, id)) {
            throw new OrthancNotFoundException("an instance the caller's access rules hide"); // as unknown: 404
        }
        Response upstream = orthanc.instanceFile(id, ForwardedHeaders.request(name -> RawAcceptFilter.header(request, name)));
        closer.add(upstream::close);
        return UpstreamBody.relay(upstream, "", false, "instance " + id);
    }
}
