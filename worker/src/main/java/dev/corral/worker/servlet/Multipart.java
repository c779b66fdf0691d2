package dev.corral.worker.servlet;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * {@code multipart/form-data} bodies as {@link Part}s, through Commons FileUpload, within the
 * limits of the servlet's {@code @MultipartConfig} (or {@code setMultipartConfig}). Handler
 * thread of the request.
 */
final class Multipart {
    private Multipart() {
    }

    static List<Part> parts(BridgeRequest request, MultipartConfigElement config) throws IOException, ServletException {
        if (config == null) {
            throw new IllegalStateException("The servlet has no multipart configuration: annotate it with"
                    + " @MultipartConfig or call setMultipartConfig on its registration");
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            throw new ServletException("The request is not multipart/form-data");
        }
        Path location = config.getLocation() == null || config.getLocation().isEmpty()
                ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(config.getLocation());
        Files.createDirectories(location);
        DiskFileItemFactory factory = DiskFileItemFactory.builder()
                .setPath(location)
                .setBufferSize(Math.max(config.getFileSizeThreshold(), 1))
                .get();
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>(factory);
        upload.setMaxFileSize(config.getMaxFileSize());
        upload.setMaxSize(config.getMaxRequestSize());
        upload.setMaxFileCount(10_000);
        upload.setHeaderCharset(request.charset());
        try {
            List<Part> out = new ArrayList<>();
            for (DiskFileItem item : upload.parseRequest(request)) {
                out.add(new UploadedPart(item, request.charset()));
            }
            return out;
        } catch (FileUploadSizeException e) {
            throw new IllegalStateException("The upload is larger than the servlet's multipart configuration allows: "
                    + e.getMessage(), e);
        } catch (FileUploadException e) {
            throw new ServletException("Malformed multipart/form-data body: " + e.getMessage(), e);
        }
    }

    /** One part, in memory or in a temporary file under the configured location. */
    private record UploadedPart(DiskFileItem item, java.nio.charset.Charset charset) implements Part {
        @Override
        public java.io.InputStream getInputStream() throws IOException {
            return item.getInputStream();
        }

        @Override
        public String getContentType() {
            return item.getContentType();
        }

        @Override
        public String getName() {
            return item.getFieldName();
        }

        @Override
        public String getSubmittedFileName() {
            return item.isFormField() ? null : item.getName();
        }

        @Override
        public long getSize() {
            return item.getSize();
        }

        @Override
        public void write(String fileName) throws IOException {
            Path target = Path.of(fileName);
            item.write(target.isAbsolute() ? target : item.getPath() == null ? target
                    : item.getPath().resolveSibling(fileName));
        }

        @Override
        public void delete() throws IOException {
            item.delete();
        }

        @Override
        public String getHeader(String name) {
            return item.getHeaders() == null ? null : item.getHeaders().getHeader(name);
        }

        @Override
        public Collection<String> getHeaders(String name) {
            List<String> out = new ArrayList<>();
            if (item.getHeaders() != null) {
                item.getHeaders().getHeaders(name).forEachRemaining(out::add);
            }
            return out;
        }

        @Override
        public Collection<String> getHeaderNames() {
            List<String> out = new ArrayList<>();
            if (item.getHeaders() != null) {
                item.getHeaders().getHeaderNames().forEachRemaining(out::add);
            }
            return out;
        }
    }
}
