package org.civicsafety.grid.notice;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own notice channels for what grid-service sends (the gateway sends a PUT to both services). */
@Path("/api/v1/me/notice-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = MyNoticeResource.TAG)
public class NoticePreferenceResource {
    @Inject NoticePreferences preferences;
    @Inject Caller caller;

    @GET
    @Authenticated
    @Operation(operationId = "getMyNoticePreferences", summary = "The caller's notice channels, addresses masked")
    public NoticePreferencesView get() {
        return preferences.of(caller.subject());
    }

    @PUT
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceMyNoticePreferences", summary = "Set the caller's notice channels, language and"
            + " addresses (idempotent); answers the masked view")
    public NoticePreferencesView put(@NotNull @Valid NoticePreferencesRequest body) {
        return preferences.replace(caller.subject(), body);
    }
}
