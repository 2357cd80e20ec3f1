#!/bin/sh
# Regenerates the .prj fixtures of wkt_test.go with GDAL (apt-get install gdal-bin).
# Run from this directory: sh gen.sh
set -e
for code in 4549 4528; do
	for form in wkt_esri wkt1 wkt_simple wkt_noct; do
		gdalsrsinfo -o $form EPSG:$code | sed '/^$/d' >epsg$code-$form.prj
	done
	# The .prj ogr2ogr writes beside a Shapefile.
	tmp=$(mktemp -d)
	echo '{"type":"Point","coordinates":[120.5,32]}' >$tmp/p.geojson
	ogr2ogr -s_srs EPSG:4490 -t_srs EPSG:$code $tmp/p.shp $tmp/p.geojson
	cp $tmp/p.prj epsg$code-ogr2ogr-shp.prj
	rm -r $tmp
done
for code in 4490 4326 3857 32650 32750 4497 4508 4513 4554 2385 2362 21460 4214 4610 4555; do
	gdalsrsinfo -o wkt_esri EPSG:$code | sed '/^$/d' >epsg$code-wkt_esri.prj
	gdalsrsinfo -o wkt1 EPSG:$code | sed '/^$/d' >epsg$code-wkt1.prj
done
# A local grid: CGCS2000, central meridian 120°30'E, false easting 300 km.
gdalsrsinfo -o wkt_esri '+proj=tmerc +lat_0=0 +lon_0=120.5 +k=1 +x_0=300000 +y_0=0 +ellps=GRS80 +units=m +no_defs' | sed '/^$/d' >local-cm120.5-wkt_esri.prj
# Beijing 1954 carrying its own shift.
gdalsrsinfo -o wkt1 '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0 +units=m +no_defs' | sed '/^$/d' >beijing-towgs84-wkt1.prj
