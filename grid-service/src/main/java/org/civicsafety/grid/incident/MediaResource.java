package org.civicsafety.grid.incident;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Idempotency;
import org.civicsafety.grid.common.ProblemType;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.common.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Photos and PDFs attached to incidents: ≤ 10 MB, type decided by the content, photos stored without location
 * metadata ({@link PhotoMetadata}), served at a stable URL.
 */
@Path("/api/v1/incidents/{id}/media")
@Tag(name = ApiDocs.INCIDENTS, description = ApiDocs.INCIDENTS_DESCRIPTION)
public class MediaResource {
    static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final String FILE = "The stored file, as uploaded (photos without their location metadata)";

    @Inject IncidentService service;
    @Inject Caller caller;
    @Inject MediaRepository media;
    @Inject Idempotency idempotency;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"citizen", "grid_worker", "handler", "partner", "admin"})
    @Operation(operationId = "addIncidentMedia", summary = "Attach a photo (JPEG/PNG/WebP, location metadata"
            + " removed) or PDF of at most 10 MB, multipart field 'file'; the type is decided by the content."
            + " Idempotency-Key honoured.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "file", properties = @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary", description = "A JPEG, PNG or WebP photo or a PDF, at most 10 MB"))))
    @APIResponse(responseCode = "201", description = "The file, stored; Location is its URL", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.MediaView.class)))
    public Response upload(@Parameter(description = IncidentResource.ID) @PathParam("id") String id,
            @RestForm("file") FileUpload file,
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key") String key) {
        Incident i = service.findInScope(IncidentResource.uuid(id), caller, false);
        boolean reporter = caller.subject() != null && caller.subject().equals(i.reporterSub());
        boolean handler = caller.is("handler") && caller.unit() != null && caller.unit().equals(i.assignedUnit());
        if (!reporter && !handler && !caller.is("admin")) {
            throw ApiException.forbidden("Only the reporter or the handling unit may attach media");
        }
        if (file == null) {
            throw ApiException.badRequest(FieldError.of("file", "media.file-required"));
        }
        if (file.size() > MAX_BYTES) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "Media files are limited to 10 MB");
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw ApiException.badRequest(FieldError.of("file", "media.unreadable"));
        }
        String type = sniff(data);
        if (type == null) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Only JPEG, PNG, WebP images and PDF documents are accepted (checked by content)");
        }
        // a retry is the same file for the same incident: its hash is the request, whatever the file's name
        Idempotency.Stored stored = idempotency.run(caller.idempotencyClient(), key,
                "POST /api/v1/incidents/" + i.id() + "/media", sha256(data), 201, () -> store(i, type, data));
        return stored.created(created -> (String) created.get("url"));
    }

    private IncidentView.MediaView store(Incident i, String type, byte[] upload) {
        byte[] data;
        try {
            data = PhotoMetadata.strip(type, upload);
        } catch (PhotoMetadata.UnreadablePhotoException e) {
            throw ApiException.badRequest(FieldError.of("file", "media.damaged", type));
        }
        UUID mediaId = UUID.randomUUID();
        media.insert(mediaId, i.id(), new MediaRepository.Blob(type, data, sha256(data)), caller.subject());
        return new IncidentView.MediaView(mediaId, "/api/v1/incidents/" + i.id() + "/media/" + mediaId, type,
                data.length, OffsetDateTime.now());
    }

    @GET
    @Path("/{mediaId}")
    @Authenticated
    @Operation(operationId = "getIncidentMedia", summary = "The stored file; its URL never changes")
    @APIResponse(responseCode = "200", description = FILE, content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response download(@Parameter(description = IncidentResource.ID) @PathParam("id") String id,
            @Parameter(description = "The file's id (the last part of its URL)") @PathParam("mediaId") String mediaId) {
        Incident i = service.findInScope(IncidentResource.uuid(id), caller, false);
        MediaRepository.Blob blob = media.find(i.id(), IncidentResource.uuid(mediaId))
                .orElseThrow(() -> ApiException.notFound("Unknown media " + mediaId));
        return Response.ok(blob.data(), blob.contentType()).tag(blob.sha256())
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** The type from the file's magic bytes; the client's declared type is not trusted. */
    static String sniff(byte[] d) {
        if (d.length >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (d.length >= 8 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G' && d[4] == 0x0D
                && d[5] == 0x0A && d[6] == 0x1A && d[7] == 0x0A) {
            return "image/png";
        }
        if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W' && d[9] == 'E'
                && d[10] == 'B' && d[11] == 'P') {
            return "image/webp";
        }
        if (d.length >= 5 && d[0] == '%' && d[1] == 'P' && d[2] == 'D' && d[3] == 'F' && d[4] == '-') {
            return "application/pdf";
        }
        return null;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
