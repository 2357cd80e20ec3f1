// Package proj converts EPSG:4326 longitude/latitude into the output
// coordinate systems users in China ask for: CGCS2000 geographic
// (EPSG:4490), Web Mercator (EPSG:3857), the CGCS2000 3° Gauss-Krüger zones
// around Nantong (EPSG:4528/4549, CM 120°E; EPSG:4529/4550, CM 123°E) and
// GCJ-02, the obfuscated datum of AMap and Tencent maps.
//
// CGCS2000 and WGS 84 agree to a few centimetres, far below the accuracy of
// the boundaries, so EPSG:4490 takes the coordinates as they are and the
// Gauss-Krüger zones project them on the GRS80 ellipsoid. The transverse
// Mercator is Krüger's series in the form of Karney (2011), accurate to
// well under a millimetre within a 3° zone.
//
// Output axis order is always easting (longitude) first, as GIS files store
// it, whatever the EPSG definition says.
package proj
