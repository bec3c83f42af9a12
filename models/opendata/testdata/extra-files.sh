#!/usr/bin/env bash
# Rebuilds the directory CARNET_EXTRA_REFERENCE names (default /tmp/dup11/extra)
# for the labelled duplicate sets (models/opendata/testdata/duplicates-*.md) and
# the real-file tests: every published file at the commit and path its set's .md
# cites, checked against the git blob the .md gives. The five repositories are
# read as git directories under $MIRROR/<owner>+<name>/repo (bare clones, e.g.
# `git clone --bare https://github.com/anct-cartographie-nationale/mednum-cli
# $MIRROR/anct-cartographie-nationale+mednum-cli/repo`): mednum-cli and
# client-application (anct-cartographie-nationale), france_services (anct-carto),
# data-bfc-ternum and data-rhinocc-inclusion (multi-coop).
# Usage, from the repository root:
#   [MIRROR=dir] [RUN_TESTS=1] [COUNT_REFUSED=1] bash models/opendata/testdata/extra-files.sh [outdir]
# (RUN_TESTS: the 36 sets, pooled; COUNT_REFUSED: the importer's refused rows.)
set -euo pipefail
out=${1:-/tmp/dup11/extra}
repo=${2:-$PWD}
m=${MIRROR:-/work/.mirror}
mc=$m/anct-cartographie-nationale+mednum-cli/repo
ca=$m/anct-cartographie-nationale+client-application/repo
fs24=$m/anct-carto+france_services/repo
bfc=$m/multi-coop+data-bfc-ternum/repo
rhinocc=$m/multi-coop+data-rhinocc-inclusion/repo
mkdir -p "$out"

# get GITDIR COMMIT PATH NAME BLOB: the file at COMMIT:PATH, written as NAME,
# checked against the blob the set's .md cites (git hash-object).
get() {
	git --git-dir="$1" show "$2:$3" > "$out/$4.tmp" && mv "$out/$4.tmp" "$out/$4"
	local h; h=$(git hash-object "$out/$4")
	[ "$h" = "$5" ] || { echo "BLOB MISMATCH $4: $h, the .md says $5"; exit 1; }
	printf '%-42s %s %s bytes\n' "$4" "$h" "$(wc -c < "$out/$4")"
}

get "$mc" d01eaeba3ac569fa4bd60fa69b8e911726f39bd2 assets/input/aidants-connect/aidants-connect.json aidants-connect.json 9e71a36e8bdd51a650cf8c8b593ce8c0f03c6d4d
get "$mc" f491557486ce04ccd27544bc8835702453672f9e assets/input/aix-en-provence/aix-en-provence.json aix-en-provence.json 0f01a514a0c994ae2883d40d5067fdd3a7cd84a7
get "$mc" 7b6ff7ff546da927a63d390684c9558bd0d30ecb assets/input/angers/angers.json angers.json f3c4812ab9139d7bb01bd02020c46460d80508a6
get "$bfc" c1625dfeac616a588a10f1734215ff1f0d2044c2 csv/bfc-ternum-dataset.csv bfc-ternum.csv 10bbfc6d1c1c2aa8ad9b351e9cb7869040138211
get "$mc" 8098cc4a19a42b6acfd15b1345d5d3b99039b64b assets/input/cnfs.json cnfs-2022-12.json 44b65f72bc90c3848b04b3bbaa3266b3f2284535
get "$mc" df6b52fa04d67c3a0708feb091184b4f0500842f assets/input/corse/corse.json corse.json a191fe4c4a81f47ad90d23faf6029010c4acd448
get "$mc" 5c7c8a2adb6e982011017da01989d106f8b33205 assets/input/data-inclusion/data-inclusion.json data-inclusion-2023.json 4903c7156aaccb4e174af799792843124cfc8011
get "$mc" e9f0c93ad369f1af8dafe7b9a2d149212714a2bd assets/input/epernay/epernay.json epernay.json ed1fef1950ec87c6817009039c414fe8cd47fa41
get "$mc" 26eba48f1b057576d259199f1c287a5a8dbed7d1 assets/input/etapes-numerique/etapes-numerique.json etapes-numerique.json 4ac4c40923252b3d5945207db6a98ecd984f4e94
get "$mc" 360b5373b53321a493b55f8f410fa6f321a6cb27 assets/input/fibre-64/fibre-64.json fibre-64.json 9be4629ba8ad84f724e3a7aa105997f4051720bb
get "$mc" abcdd2a7beacf955e8af467a92924af1c9f7a0c6 assets/input/france-services/liste-fs-20221201.csv france-services.csv 90d3b055b2e2b1e0ee949480875ddc4ca352c55d
get "$fs24" 77f42baab04eae687d5eef1acdc79ee395f9562b data/liste-fs-20240801.csv france-services-2024.csv db7364b22d574a0566642908c5983f209d38ef89
get "$mc" 360b5373b53321a493b55f8f410fa6f321a6cb27 assets/input/gironde/gironde.json gironde-2024.json 91e4872e2b3eb939178c995e2602e70195230ba0
get "$mc" ed34670b7f489b616616b4685a0d71db38301add assets/input/gironde/gironde.json gironde.json f934b21f4d4bea497b8858cdfb717731cb000076
get "$mc" ed34670b7f489b616616b4685a0d71db38301add assets/input/haute-vienne/haute-vienne.json haute-vienne.json ccd92cb65d7ea7b9056a137848b779dafedef17c
get "$mc" 47468523cfac2b1dbec6882f021c1190ce348d7d assets/input/hub-lo/hub-lo.json hub-lo.json a183ab3a9dce2d4ea24dcbee5ec20cb8cc65b99b
get "$mc" 08136e45e052cbcd112174a51f18011ac3444a20 assets/input/la-creuse/la-creuse.json la-creuse.json 9bc6d0ee5f3524e9a17e4b57b4070f5275756180
get "$mc" 6fdb50abe22582882cd66e50e578a3b83ad95141 assets/input/le-havre/le-havre.json le-havre.json 82ac2639915bea37a8154aac326a72929f58c48d
get "$ca" 9f64eee0ab0c004bee01b3793532f64086931d63 src/assets/data/lieux-de-mediation-numerique.cnfs.json lieux-de-mediation-numerique.cnfs.json 1fe7281f9541b457827c95f14fa38201537bfd60
get "$mc" 3c0da255b25b6091867b6f698ec2f4e072dcf04b assets/input/maine-et-loire/maine-et-loire.json maine-et-loire.json 0390d8831fc4184953fd6aae070e6ad87f8d6ce9
get "$mc" 6c1fabede9ca935f570c99a282943c6338376f25 assets/input/mednum-hub-antilles/mednum-hub-antilles.json mednum-hub-antilles.json 0388a56ae9cfbb746670e23be0ff76dc00b3990f
get "$mc" 4441583e8c56ec04db4e1e1fbc5cd78ac8ba7c4f assets/input/mulhouse/mulhouse.json mulhouse.json 4d42b5576139b0ad47115596844547de8501fba3
get "$mc" ef1caa9752d6b3a46445655dea4214a4854a16de assets/input/numi/numi.json numi.json eaa78d68ecc922e53e7679dec5bc46a5e38f39f6
get "$mc" 3ae228e3d7965e49342581ce76fb99f45f212d5c assets/input/paca/paca.json paca-region-sud-2022.json 8a89cdcac9fe95637c4e67ed9ef635ced8d8b396
get "$rhinocc" 14345c16e98df2a39d29b75ae30c9461face7ad8 csv/geocoding/rhinocc-inclusion-dataset-geocoded.csv rhinocc.csv d576446263f73b72aef799e4082e615e8d64c8a6
get "$ca" 54f9438b065638657f83c45d94b0d6c35a840b66 src/assets/data/source.json source-aura.json 803ca425b717ad600923d7d3435829bd00f14fe6
get "$mc" e8d16a5ce72f38fbf7869b50f575347e3c50fb54 assets/input/ultra-num/ultra-num.json ultra-num.json d4d206513db692a1fb4ba0c51e43dc36ecff9305

# Every name the tests read through extraFiles must be here.
missing=0
for n in $(grep -ho 'read("[^"]*")' "$repo"/models/opendata/*_test.go | sed 's/read("\(.*\)")/\1/' | sort -u) france-services-2024.csv; do
	[ -s "$out/$n" ] || { echo "MISSING $n"; missing=1; }
done

[ $missing = 0 ] || exit 1

# Then the pooled measure: every set's « true positives » line summed
# (session 47: 1,383 right / 13 wrong / 178 missed; session 48, 36 sets: 1,399 / 13 / 183).
if [ "${RUN_TESTS:-0}" = 1 ]; then
	cd "$repo"
	CARNET_EXTRA_REFERENCE="$out" go test -count=1 -timeout 60m -run TestDuplicateLabels -v ./models/opendata > "$out/../labels.log" 2>&1 || true
	grep -- '--- SKIP' "$out/../labels.log" || true
	grep -- '--- FAIL' "$out/../labels.log" || true
	# pooled: every set's « true positives » line (36 sets, ../shared's included)
	awk '/true positives/{gsub(",","");tp+=$4;fp+=$7;fn+=$10;n++} END{printf "%d sets: %d right, %d wrong, %d missed; precision %.3f recall %.3f\n",n,tp,fp,fn,tp/(tp+fp),tp/(tp+fn)}' "$out/../labels.log"
fi

# Rows the importer refuses for their commune, each of the 29 real files
# imported alone (session 47: 743).
if [ "${COUNT_REFUSED:-0}" = 1 ]; then
	cd "$repo"
	CARNET_EXTRA_REFERENCE="$out" go test -count=1 -run 'TestImportRealFiles$' -v ./models/opendata > "$out/../realfiles.log" 2>&1 || true
	awk -f models/opendata/testdata/count-refused.awk "$out/../realfiles.log"
fi
