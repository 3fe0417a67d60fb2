/**
 * The service interface of model importers: an importer implements {@link
 * org.neurojoule.importing.ModelFormat} and registers it for {@link java.util.ServiceLoader}, and
 * {@link org.neurojoule.Models#load(java.nio.file.Path)} picks the format that recognizes a file's
 * first bytes. {@link org.neurojoule.importing.ZeroCostLayer} stands for a layer an importer was
 * allowed to leave unknown.
 */
package org.neurojoule.importing;
