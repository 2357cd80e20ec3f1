// Package proj converts between EPSG:4326 longitude/latitude and the
// coordinate systems data in China arrives in and users ask for: CGCS2000
// geographic (EPSG:4490), every CGCS2000 Gauss-Krüger zone (3° and 6°,
// with and without the zone number in the easting), WGS 84 / UTM, Web
// Mercator (EPSG:3857), any transverse Mercator a WKT defines, and GCJ-02
// and BD-09, the obfuscated coordinates of AMap/Tencent and Baidu maps.
//
// CGCS2000 and WGS 84 agree to a few centimetres, far below the accuracy of
// the boundaries, so they are one datum here and the Gauss-Krüger zones
// project on the GRS80 ellipsoid. Xi'an 1980 and Beijing 1954 differ by up
// to a few hundred metres through a shift no file states; they are
// recognised but usable only with seven Helmert parameters (WithTOWGS84).
// The transverse Mercator is Krüger's series to sixth order in the third
// flattening both ways, in the form of Karney (2011), accurate to
// micrometres well beyond a 6° zone.
//
// Axis order is always easting (longitude) first, as GIS files store it,
// whatever the EPSG definition says. The package reads CRS names (Parse)
// and WKT 1 in its OGC and ESRI dialects (ParseWKT); it holds no EPSG
// database, only the codes listed in Parse.
package proj
