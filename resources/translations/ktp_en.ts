<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="id_ID">
<context>
    <name>AboutBox</name>
    <message>
        <location filename="../../desktop/ui/pages/about/page.py" line="13" />
        <source>Tentang KTP-el Mandiri</source>
        <translation>About KTP-el Mandiri</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/page.py" line="15" />
        <source>KTP-el Mandiri versi %1 — cetak KTP-el di kantor kecamatan.</source>
        <translation>KTP-el Mandiri version %1 — e-KTP printing at the kecamatan office.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/page.py" line="17" />
        <source>Pihak ketiga: data kode wilayah dari cahyadsn/wilayah (MIT License, (c) 2017-2025 Cahya DSN); huruf Liberation Sans (SIL Open Font License 1.1); Qt for Python (LGPLv3).</source>
        <translation>Third parties: region codes from cahyadsn/wilayah (MIT License, (c) 2017-2025 Cahya DSN); Liberation Sans font (SIL Open Font License 1.1); Qt for Python (LGPLv3).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/page.py" line="19" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="59" />
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="60" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="61" />
        <source>admin</source>
        <translation>admin</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="80" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="80" />
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="80" />
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="80" />
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="104" />
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="104" />
        <source>nonaktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="106" />
        <source>harus ganti kata sandi</source>
        <translation>must change password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="109" />
        <source>terkunci s.d. %1</source>
        <translation>locked until %1</translation>
    </message>
</context>
<context>
    <name>AddPrinterDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="187" />
        <source>Tambah printer</source>
        <translation>Add printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="194" />
        <source>mis. Fargo loket 1</source>
        <translation>e.g. Fargo counter 1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="202" />
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="203" />
        <source>Hanya untuk antrean printer sistem operasi; driver printer harus punya ukuran kartu yang sebesar itu lebih lebar di tiap sisi.</source>
        <translation>Only for operating system print queues; the printer's driver must have a card size that much larger on every side.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="205" />
        <source>Printer yang ditemukan</source>
        <translation>Printers found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="206" />
        <source>Nama untuk operator</source>
        <translation>Name for the operators</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="207" />
        <source>Cetak melewati tepi kartu (bleed)</source>
        <translation>Print past the card's edge (bleed)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="208" />
        <location filename="../../desktop/ui/pages/printers/setup.py" line="234" />
        <source>Mencari printer…</source>
        <translation>Searching for printers…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="212" />
        <source>Setelah printer ditambahkan, stasiun hanya memakai printer yang terdaftar; printer kartu USB yang dicolokkan tidak lagi dipakai dengan sendirinya.</source>
        <translation>Once a printer is added, the station uses only registered printers; USB card printers plugged in are no longer used by themselves.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="217" />
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="218" />
        <source>Cari lagi</source>
        <translation>Search again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="245" />
        <source>Tidak ada printer yang ditemukan. Nyalakan printer kartu dan sambungkan kabel USB, atau pasang driver pabriknya sampai antreannya muncul di sistem operasi, lalu tekan Cari lagi.</source>
        <translation>No printer was found. Switch the card printer on and connect its USB cable, or install its manufacturer's driver until its queue appears in the operating system, then press Search again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="248" />
        <source>Pilih printer, beri nama yang akan dilihat operator, lalu tekan Tambah.</source>
        <translation>Choose a printer, give it the name the operators will see, then press Add.</translation>
    </message>
</context>
<context>
    <name>AllocationDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="86" />
        <source>Alokasikan blanko</source>
        <translation>Allocate blanks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="87" />
        <source>Batas blanko untuk stasiun-stasiun satu kecamatan (kode kecamatan) atau satu hub (kode stasiunnya).</source>
        <translation>A cap on the blanks for the stations of one kecamatan (its code) or one hub (its station code).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="99" />
        <source>Kecamatan atau hub</source>
        <translation>Kecamatan or hub</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="100" />
        <source>Jumlah</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="101" />
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>AnomaliesPage</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="24" />
        <source>Anomali dan penangguhan</source>
        <translation>Anomalies and suspensions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="26" />
        <source>Stasiun ditangguhkan</source>
        <translation>Suspended stations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="28" />
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="41" />
        <source>Stasiun</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="28" />
        <source>Sejak</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="28" />
        <source>Sebab</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="32" />
        <source>Cabut penangguhan…</source>
        <translation>Lift the suspension…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="40" />
        <source>Anomali terbaru</source>
        <translation>Latest anomalies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="41" />
        <source>Dicatat</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="41" />
        <source>Aturan</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="41" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="42" />
        <source>Blanko</source>
        <translation>Blank</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="42" />
        <source>Rincian</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="67" />
        <source>Pilih dulu stasiun yang ditangguhkan di daftar.</source>
        <translation>First choose the suspended station in the list.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="71" />
        <source>Cabut penangguhan</source>
        <translation>Lift the suspension</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="72" />
        <source>Stasiun %1 boleh mencetak lagi. Pastikan sebab penangguhannya sudah diperiksa: %2</source>
        <translation>Station %1 may print again. Make sure the cause of its suspension was looked into: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/anomalies.py" line="77" />
        <source>Penangguhan stasiun %1 dicabut.</source>
        <translation>The suspension of station %1 was lifted.</translation>
    </message>
</context>
<context>
    <name>ApproverFields</name>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="143" />
        <source>Disetujui oleh (nama pengguna)</source>
        <translation>Approved by (user name)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="144" />
        <source>Kata sandi penyetuju</source>
        <translation>Approver's password</translation>
    </message>
</context>
<context>
    <name>ArchiveModel</name>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="66" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="66" />
        <source>Laporan</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="66" />
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="66" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="67" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="67" />
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="67" />
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="67" />
        <source>Ke</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="94" />
        <source>semua</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="96" />
        <source>SEMENTARA</source>
        <translation>PROVISIONAL</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="96" />
        <source>final</source>
        <translation>final</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="102" />
        <source>printer %1</source>
        <translation>printer %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="103" />
        <source>berkas (tidak dicatat)</source>
        <translation>file (not recorded)</translation>
    </message>
</context>
<context>
    <name>AuditRow</name>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="303" />
        <source>Kartu tercetak</source>
        <translation>Issued card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="304" />
        <source>Pekerjaan cetak</source>
        <translation>Print job</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="305" />
        <source>Kunci log-in</source>
        <translation>Log-in lock</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="306" />
        <source>Kiriman ke server kabupaten</source>
        <translation>Event for the regency server</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="307" />
        <source>Status rekam penduduk NIK</source>
        <translation>Record status of resident NIK</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="143" />
        <source>Semua tindakan</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="146" />
        <source>Semua pengguna</source>
        <translation>All users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="154" />
        <source>Periksa rantai</source>
        <translation>Check chain</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="160" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="160" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="160" />
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="160" />
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="161" />
        <source>Rincian</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="190" />
        <source>Memeriksa rantai audit…</source>
        <translation>Checking the audit chain…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="197" />
        <source>Rantai audit utuh: %1 entri, kepala %2.</source>
        <translation>Audit chain intact: %1 entries, head %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="201" />
        <source>Rantai audit rusak: %1</source>
        <translation>Audit chain broken: %1</translation>
    </message>
</context>
<context>
    <name>AuditWarning</name>
    <message>
        <location filename="../../desktop/ui/audit_warning.py" line="19" />
        <source>Pemeriksaan log audit saat aplikasi dimulai menemukan masalah pada entri #%1: %2</source>
        <translation>The audit log check at start-up found a problem at entry #%1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/audit_warning.py" line="22" />
        <source>Pencetakan tetap dapat berjalan dan temuan ini sudah dicatat. Laporkan ke petugas TI kabupaten; mereka dapat memeriksanya dengan perintah: ktp-mandiri audit verify.</source>
        <translation>Printing can go on and this finding has been recorded. Report it to the regency's IT officer; they can check it with the command: ktp-mandiri audit verify.</translation>
    </message>
</context>
<context>
    <name>BlankoCountDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/blanko_count.py" line="27" />
        <location filename="../../desktop/ui/pages/supervisor/blanko_count.py" line="68" />
        <source>Hitung sisa blanko sesudah pemulihan</source>
        <translation>Count the blanks left after the restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/blanko_count.py" line="30" />
        <source>Database stasiun dipulihkan: blanko yang terpakai sesudah titik pemulihan masih tercatat di stok. Hitung blanko fisik yang ada dan biarkan di bawah hanya nomor seri yang ada (rentang ditulis SERI_PERTAMA..SERI_TERAKHIR). Blanko di stok yang tidak tertulis dicatat rusak dengan alasan 'hilang sesudah pemulihan'. Pencetakan berlanjut sesudah hitungan dicatat.</source>
        <translation>The station database was restored: blanks used after the restored point are still recorded as in stock. Count the physical blanks at hand and leave below only the serial numbers that are there (a range is written FIRST_SERIAL..LAST_SERIAL). Blanks in stock that are not written are recorded as spoiled with the reason 'missing after the restore'. Printing goes on once the count is recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/blanko_count.py" line="37" />
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/blanko_count.py" line="43" />
        <source>Tercatat di stok (%1 blanko)</source>
        <translation>Recorded in stock (%1 blanks)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/blanko_count.py" line="44" />
        <source>Ada secara fisik</source>
        <translation>Physically at hand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/blanko_count.py" line="69" />
        <source>Tidak ada pemulihan database yang menunggu hitungan blanko.</source>
        <translation>No database restore is waiting for a blank count.</translation>
    </message>
</context>
<context>
    <name>BlankoState</name>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="40" />
        <source>dalam pengiriman dari kabupaten</source>
        <translation>on its way from the regency</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="41" />
        <source>di stok</source>
        <translation>in stock</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="42" />
        <source>dipesan untuk dicetak</source>
        <translation>reserved for printing</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="43" />
        <source>tercetak</source>
        <translation>issued</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="44" />
        <source>rusak</source>
        <translation>spoiled</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="45" />
        <source>rusak, sudah dimusnahkan</source>
        <translation>spoilt, destroyed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="46" />
        <source>dipindahkan ke stasiun lain</source>
        <translation>moved to another station</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="47" />
        <source>tidak ada</source>
        <translation>missing</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="63" />
        <source>Kalibrasi posisi cetak: %1</source>
        <translation>Calibrate print position: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="70" />
        <source>1. Cetak kartu kalibrasi pada blanko (blanko dicatat rusak karena kalibrasi, kuota tidak terpakai). 2. Pada penggaris tiap tanda, baca berapa titik label pracetak blanko berada di kanan (+) atau kiri (-), di bawah (+) atau atas (-) silang: garis kecil 3 titik, garis panjang 12 titik (1 mm). 3. Isi bacaan lalu simpan, dan cetak kartu kalibrasi lagi untuk memeriksa.</source>
        <translation>1. Print the calibration card on a blanko (the blanko is booked spoiled for calibration, no quota is used). 2. On each mark's ruler, read how many dots the blanko's pre-printed label lies right (+) or left (-), below (+) or above (-) the cross: small ticks 3 dots, long ticks 12 dots (1 mm). 3. Enter the readings and save, then print the calibration card again to check.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="77" />
        <source>Cetak kartu kalibrasi pada blanko</source>
        <translation>Print calibration card on a blanko</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="79" />
        <source>Uji cepat pada kartu putih</source>
        <translation>Quick test on a white card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="90" />
        <source>Tanda A, mendatar</source>
        <translation>Mark A, across</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="90" />
        <source>Tanda C, mendatar</source>
        <translation>Mark C, across</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="91" />
        <source>Tanda A, tegak</source>
        <translation>Mark A, down</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="91" />
        <source>Tanda B, tegak</source>
        <translation>Mark B, down</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="95" />
        <source> titik</source>
        <translation> dots</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="98" />
        <source>Simpan bacaan</source>
        <translation>Save readings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="110" />
        <source>Mencetak kartu kalibrasi…</source>
        <translation>Printing the calibration card…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="121" />
        <source>Kartu kalibrasi tercetak pada kartu putih.</source>
        <translation>Calibration card printed on a white card.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="122" />
        <source>Kartu kalibrasi tercetak; blanko %1 dicatat rusak (kalibrasi, tanpa kuota).</source>
        <translation>Calibration card printed; blanko %1 booked spoiled (calibration, no quota).</translation>
    </message>
</context>
<context>
    <name>CardPreview</name>
    <message>
        <location filename="../../desktop/ui/preview.py" line="28" />
        <source>Pratinjau kartu muncul setelah NIK diperiksa.</source>
        <translation>The card preview appears once the NIK has been checked.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="30" />
        <source>Kartu jadi: data pribadi yang dicetak printer, di atas desain blanko. Desain blanko sudah tercetak di blanko dan tidak dicetak lagi.</source>
        <translation>The finished card: the personal data the printer prints, over the blanko design. The blanko design is already printed on the blanko and is not printed again.</translation>
    </message>
</context>
<context>
    <name>CardsTab</name>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="75" />
        <source>Cari NIK atau nama, lalu Enter (pencarian dicatat di log audit)</source>
        <translation>Search NIK or name, then Enter (searches are recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="78" />
        <source>Semua operator</source>
        <translation>All operators</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="79" />
        <source>Semua printer</source>
        <translation>All printers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="83" />
        <source>Semua alasan</source>
        <translation>All reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="94" />
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="94" />
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="94" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="94" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="95" />
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="95" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="95" />
        <source>Blanko</source>
        <translation>Blank</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="96" />
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="106" />
        <source>dikembalikan, cetak ulang (%1)</source>
        <translation>returned, reprinted (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/lists.py" line="130" />
        <source>%1 kartu</source>
        <translation>%1 cards</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="331" />
        <source>Ganti kata sandi</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="343" />
        <source>Kata sandi sekarang</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="346" />
        <source>Kata sandi baru (min. 8)</source>
        <translation>New password (min. 8)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="347" />
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="350" />
        <source>Kata sandi Anda harus diganti sebelum mulai bekerja.</source>
        <translation>Your password must be changed before you start working.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="360" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="360" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="367" />
        <source>Kedua kata sandi baru tidak sama.</source>
        <translation>The two new passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="414" />
        <source>Kata sandi Anda sudah diganti.</source>
        <translation>Your password has been changed.</translation>
    </message>
</context>
<context>
    <name>ClockQuestion</name>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/clock.py" line="27" />
        <source>Tanggal dan jam komputer</source>
        <translation>The computer's date and time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/clock.py" line="29" />
        <source>Tanggal dan jam komputer sekarang: %1. Apakah ini benar?</source>
        <translation>The computer's date and time now: %1. Is this right?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/clock.py" line="33" />
        <source>Pastikan dengan jam tangan atau telepon. Bila salah, betulkan jam komputer dulu; kuota dihitung per hari menurut jam ini. Jawaban Anda dicatat di log audit.</source>
        <translation>Check it against a watch or a phone. If it is wrong, correct the computer's clock first; quotas are counted per day by this clock. Your answer is recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/clock.py" line="36" />
        <source>Benar</source>
        <translation>Right</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/clock.py" line="37" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="41" />
        <source>Buat paket dukungan</source>
        <translation>Make a support bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="41" />
        <source>Cadangkan ke flash disk</source>
        <translation>Back up to a flash disk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="43" />
        <source>Paket dukungan berisi versi aplikasi, log tanpa NIK dan nama, printer, antrian CUPS, susunan perintah kartu terakhir yang gagal (tanpa data panel) dan pemeriksaan log audit, untuk petugas TI kabupaten.</source>
        <translation>The support bundle holds the application's version, logs without NIK or names, the printers, the CUPS queues, the command framing of the last failed card (without panel data) and the audit log check, for the regency's IT officer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="45" />
        <source>Salinan database stasiun yang sudah diperiksa. Simpan flash disk itu di tempat terkunci: isinya data penduduk.</source>
        <translation>A checked copy of the station's database. Keep the flash disk locked away: it holds residents' data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="50" />
        <source>Folder tujuan, mis. flash disk</source>
        <translation>Destination folder, e.g. a flash disk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="51" />
        <source>Buat paket</source>
        <translation>Make bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="51" />
        <source>Cadangkan</source>
        <translation>Back up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="58" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="61" />
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="81" />
        <source>Sedang dibuat…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="86" />
        <source>Paket dukungan tidak dibuat.</source>
        <translation>The support bundle was not made.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="95" />
        <source>Sertakan data panel asli kartu terakhir yang gagal (foto, nama dan NIK warga)</source>
        <translation>Include the real panel data of the last failed card (the citizen's photo, name and NIK)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="102" />
        <source>Sertakan data kartu warga?</source>
        <translation>Include the citizen's card data?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="103" />
        <source>Data panel kartu yang gagal adalah foto, nama dan NIK warga dalam bentuk piksel. Sertakan hanya bila petugas TI kabupaten memintanya, dan kirim paketnya lewat jalur resmi.</source>
        <translation>The failed card's panel data is the citizen's photo, name and NIK as pixels. Include it only when the regency's IT officer asks for it, and send the bundle through the official channel.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="106" />
        <source>Sertakan</source>
        <translation>Include</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="107" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="114" />
        <source>Paket dukungan dibuat: %1 (%2).</source>
        <translation>Support bundle made: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/copies.py" line="115" />
        <source>Cadangan database dibuat dan sudah diperiksa: %1 (%2).</source>
        <translation>Database backup made and checked: %1 (%2).</translation>
    </message>
</context>
<context>
    <name>CounterKeyboard</name>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="34" />
        <source>4. Cetak KTP-el (Ctrl+P)</source>
        <translation>4. Print e-KTP (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="35" />
        <source>Cetak KTP-el: Ctrl+P, atau Enter saat terpilih</source>
        <translation>Print the e-KTP: Ctrl+P, or Enter while selected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="36" />
        <source>Periksa (Enter)</source>
        <translation>Check (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="37" />
        <source>Periksa NIK: Enter di kolom NIK</source>
        <translation>Check the NIK: Enter in the NIK field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="38" />
        <source>F2 atau Ctrl+N: ke kolom NIK · Esc: penduduk berikutnya</source>
        <translation>F2 or Ctrl+N: to the NIK field · Esc: next citizen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="59" />
        <source>Berikutnya: NIK %1, setelah kartu yang sedang dicetak keluar.</source>
        <translation>Next: NIK %1, once the card being printed is out.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="62" />
        <source>Hasil pindai tidak dipakai; penduduk ini tetap dilayani.</source>
        <translation>Scan not used; this citizen is still being served.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="70" />
        <source>NIK dipindai. Memeriksa…</source>
        <translation>NIK scanned. Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="96" />
        <source>Penduduk berikutnya</source>
        <translation>Next citizen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="97" />
        <source>Alasan dan dokumen untuk %1 sudah mulai diisi dan akan hilang. Layani penduduk berikutnya?</source>
        <translation>The reason and documents for %1 are partly filled in and will be lost. Serve the next citizen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="98" />
        <source>Layani berikutnya</source>
        <translation>Serve the next one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/keyboard.py" line="98" />
        <source>Tetap dengan %1</source>
        <translation>Stay with %1</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/common.py" line="154" />
        <source>Setiap keputusan meminta kata sandi Anda lagi; server memeriksanya dan mencatat keputusan atas nama Anda.</source>
        <translation>Every decision asks for your password again; the server checks it and records the decision in your name.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/common.py" line="160" />
        <source>Kata sandi Anda</source>
        <translation>Your password</translation>
    </message>
</context>
<context>
    <name>DestroyDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="52" />
        <source>Catat pemusnahan blanko rusak</source>
        <translation>Record the destruction of spoilt blanks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="60" />
        <source>Saksi %1, nama</source>
        <translation>Witness %1, name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="61" />
        <source>Saksi %1, NIP</source>
        <translation>Witness %1, NIP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="65" />
        <source>%1 blanko rusak dimusnahkan (dibakar atau dipotong) di hadapan saksi: %2</source>
        <translation>%1 spoilt blanks destroyed (burnt or cut) before the witnesses: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="70" />
        <source>Yang menyetujui: supervisor atau admin selain Anda; dicatat di log audit dengan kedua nama.</source>
        <translation>Approved by: a supervisor or admin other than you; recorded in the audit log with both names.</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="37" />
        <source>Stasiun terdaftar di server kabupaten dan sudah tersinkron.</source>
        <translation>The station is enrolled with the regency server and synced.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="47" />
        <source>Daftarkan ke server kabupaten</source>
        <translation>Enrol with the regency server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="49" />
        <source>Masukkan alamat server kabupaten dan kode pendaftaran sekali pakai dari admin kabupaten. Setelah terdaftar, pengguna, penduduk dan kuota datang dari server.</source>
        <translation>Enter the regency server's address and the one-time enrolment code from the regency admin. Once enrolled, users, residents and quotas come from the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="56" />
        <source>https://ktp.kabupaten.go.id</source>
        <translation>https://ktp.kabupaten.go.id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="59" />
        <source>XXXX-XXXX-XXXX-XXXX</source>
        <translation>XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="62" />
        <source>kosongkan bila sertifikat server dipercaya sistem</source>
        <translation>leave empty if the system trusts the server's certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="63" />
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="64" />
        <source>Kode pendaftaran</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/enrol.py" line="65" />
        <source>Berkas sertifikat (PEM)</source>
        <translation>Certificate file (PEM)</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../desktop/ui/shell/errors.py" line="35" />
        <source>KTP-el Mandiri</source>
        <translation>KTP-el Mandiri</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/errors.py" line="59" />
        <source>Database tidak dapat dipakai saat ini. Tidak ada data yang hilang; coba lagi sebentar lagi. Jika berulang, tutup aplikasi lain yang membuka data ini atau hubungi petugas TI.</source>
        <translation>The database cannot be used right now. No data was lost; try again in a moment. If it keeps happening, close other programs that have this data open or contact the IT officer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/errors.py" line="62" />
        <source>Terjadi kesalahan program yang tidak terduga. Data yang sudah tersimpan aman.
Kirim berkas log ini ke petugas TI: %1</source>
        <translation>An unexpected program error occurred. Data that was already saved is safe.
Send this log file to the IT staff: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="160" />
        <source>Penyiapan pertama stasiun cetak</source>
        <translation>First-time setup of the print station</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="161" />
        <source>Buat akun admin pertama dan pilih kecamatan tempat stasiun ini berada.</source>
        <translation>Create the first admin account and choose the kecamatan where this station is located.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="188" />
        <source>Nama pengguna admin</source>
        <translation>Admin username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="189" />
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="190" />
        <source>Kata sandi (min. 8)</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="192" />
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="193" />
        <source>Kecamatan stasiun</source>
        <translation>Station's kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="194" />
        <source>Kecamatan lain yang dilayani (hub)</source>
        <translation>Other kecamatan served (hub)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="198" />
        <source>Simpan dan lanjutkan</source>
        <translation>Save and continue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="201" />
        <source>Daftar ke server kabupaten…</source>
        <translation>Enrol with the regency server…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="210" />
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>FoundPrintersModel</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="147" />
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="147" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="147" />
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="147" />
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="171" />
        <source>Tidak bisa dipakai langsung lewat USB: pasang driver pabriknya, lalu pilih antreannya di sini.</source>
        <translation>Cannot be used directly over USB: install its manufacturer's driver, then choose its queue here.</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../../desktop/ui/header.py" line="30" />
        <source>Siap</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="31" />
        <source>Mencetak</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="32" />
        <source>Perlu perhatian</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="33" />
        <source>Terputus</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="34" />
        <source>Tidak diketahui</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="82" />
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="84" />
        <source>Keluar (Ctrl+L)</source>
        <translation>Log out (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="107" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="137" />
        <source>Kepala rantai audit: %1</source>
        <translation>Audit chain head: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="146" />
        <source>per %1</source>
        <translation>as of %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="147" />
        <source>Kuota hari ini:</source>
        <translation>Today's quota:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="150" />
        <source>%1: %2 dicetak, %3 sedang dicetak, sisa %4</source>
        <translation>%1: %2 printed, %3 printing, %4 left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="161" />
        <source>%1 pekerjaan cetak menunggu keputusan</source>
        <translation>%1 print jobs await a decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="163" />
        <source>%1 cetak ulang menunggu dicetak</source>
        <translation>%1 reprints await printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="164" />
        <source>(Panel kantor, Ctrl+2)</source>
        <translation>(Office panel, Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="169" />
        <source>Blanko:</source>
        <translation>Blank cards:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="171" />
        <source>Diterima %1 · tercetak %2 · rusak %3 · dipesan %4</source>
        <translation>Received %1 · printed %2 · spoiled %3 · reserved %4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="179" />
        <source>Tidak ada printer</source>
        <translation>No printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="179" />
        <location filename="../../desktop/ui/header.py" line="192" />
        <source>Printer:</source>
        <translation>Printers:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="186" />
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="201" />
        <location filename="../../desktop/ui/header.py" line="220" />
        <source>menghubungi…</source>
        <translation>connecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="203" />
        <location filename="../../desktop/ui/header.py" line="220" />
        <source>daring</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="205" />
        <location filename="../../desktop/ui/header.py" line="220" />
        <source>luring</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="207" />
        <location filename="../../desktop/ui/header.py" line="220" />
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="218" />
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="219" />
        <source>sinkron %1 · %2 menunggu</source>
        <translation>synced %1 · %2 waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="240" />
        <source>Hak cetak:</source>
        <translation>Print rights:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="243" />
        <source>%1: %2 dari kabupaten, %3 terpakai, %4 dikembalikan, sisa %5</source>
        <translation>%1: %2 from the regency, %3 used, %4 given back, %5 left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="237" />
        <location filename="../../desktop/ui/header.py" line="257" />
        <source>belum pernah diperbarui</source>
        <translation>never renewed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="237" />
        <location filename="../../desktop/ui/header.py" line="260" />
        <source>diperbarui baru saja</source>
        <translation>renewed just now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="238" />
        <location filename="../../desktop/ui/header.py" line="262" />
        <source>diperbarui %1 menit lalu</source>
        <translation>renewed %1 minutes ago</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="238" />
        <location filename="../../desktop/ui/header.py" line="264" />
        <source>diperbarui %1 jam lalu</source>
        <translation>renewed %1 hours ago</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/header.py" line="239" />
        <location filename="../../desktop/ui/header.py" line="265" />
        <source>diperbarui %1 hari lalu</source>
        <translation>renewed %1 days ago</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <location filename="../../desktop/ui/pages/panel/chart.py" line="28" />
        <source>kartu</source>
        <translation>cards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/chart.py" line="44" />
        <source>Dicetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/chart.py" line="46" />
        <source>Rusak</source>
        <translation>Spoiled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/chart.py" line="49" />
        <source>Kuota</source>
        <translation>Quota</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/chart.py" line="56" />
        <source>30 hari terakhir: %1 kartu dicetak dari kuota %2 (%3%), %4 blanko rusak.</source>
        <translation>Last 30 days: %1 cards printed of a quota of %2 (%3%), %4 blanks spoiled.</translation>
    </message>
</context>
<context>
    <name>JobOutcome</name>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="34" />
        <source>Sedang dicetak</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="35" />
        <source>Tercetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="36" />
        <source>Gagal</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="37" />
        <source>Hasil tidak pasti — tunggu supervisor</source>
        <translation>Outcome uncertain — wait for a supervisor</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="38" />
        <source>Terhenti saat aplikasi tertutup</source>
        <translation>Stopped when the application closed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="39" />
        <source>Hasil disimpan di jurnal cadangan</source>
        <translation>Outcome kept in the backup journal</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="93" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="93" />
        <source>Pergerakan</source>
        <translation>Movement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="93" />
        <source>Blanko</source>
        <translation>Blank</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="93" />
        <source>Penyebab</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="94" />
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="94" />
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="136" />
        <source>%1 blanko (%2)</source>
        <translation>%1 blanks (%2)</translation>
    </message>
</context>
<context>
    <name>LedgerWindow</name>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="158" />
        <source>Buku blanko</source>
        <translation>Blank card ledger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="166" />
        <source>Semua pergerakan</source>
        <translation>All movements</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="171" />
        <source>Semua penyebab</source>
        <translation>All causes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="179" />
        <source>Semua tanggal</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="179" />
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="179" />
        <source>7 hari terakhir</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="180" />
        <source>30 hari terakhir</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="184" />
        <source>Nomor seri atau awalnya</source>
        <translation>Serial or its start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="186" />
        <source>Lacak blanko</source>
        <translation>Trace blank</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="188" />
        <source>Kembali ke daftar</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="200" />
        <source>Catat blanko rusak…</source>
        <translation>Record a spoilt blank…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="202" />
        <source>Catat pemusnahan…</source>
        <translation>Record destruction…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="204" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="206" />
        <source>Pergerakan</source>
        <translation>Movement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="206" />
        <source>Penyebab</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="207" />
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="207" />
        <source>Blanko</source>
        <translation>Blank</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="264" />
        <source>Blanko %1 tidak tercatat di stasiun ini.</source>
        <translation>Blank %1 is not recorded at this station.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="267" />
        <source>Riwayat blanko %1, dari penerimaan sampai akhirnya</source>
        <translation>History of blank %1, from receipt to its end</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="270" />
        <source>%1 pergerakan, terbaru di atas</source>
        <translation>%1 movements, newest first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="281" />
        <source>Diterima %1, dipindahkan keluar %2, tercetak %3, rusak %4 (dimusnahkan %5, menunggu dimusnahkan %6); di stok %7, dalam pengiriman %8.</source>
        <translation>Received %1, moved out %2, printed %3, spoilt %4 (destroyed %5, awaiting destruction %6); in stock %7, on the way %8.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="287" />
        <source>Buku blanko seimbang.</source>
        <translation>The ledger balances.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="289" />
        <source>Buku blanko TIDAK seimbang: hitung blanko fisik dan laporkan ke kabupaten.</source>
        <translation>The ledger does NOT balance: count the blanks physically and report to the regency.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="334" />
        <source>Blanko %1 dicatat rusak; menunggu pemusnahan.</source>
        <translation>Blank %1 recorded as spoilt; awaiting destruction.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="348" />
        <source>Tidak ada blanko rusak yang menunggu dimusnahkan.</source>
        <translation>No spoilt blanks are awaiting destruction.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/page.py" line="354" />
        <source>%1 blanko rusak dicatat dimusnahkan.</source>
        <translation>%1 spoilt blanks recorded as destroyed.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../desktop/ui/screen_lock.py" line="83" />
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/screen_lock.py" line="90" />
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/screen_lock.py" line="95" />
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/screen_lock.py" line="98" />
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/screen_lock.py" line="114" />
        <source>%1 (%2): masukkan kata sandi untuk melanjutkan. Pekerjaan di halaman tetap seperti semula; layar terkunci sendiri setelah 10 menit tanpa kegiatan.</source>
        <translation>%1 (%2): enter your password to continue. The work on the page stays as it was; the screen locks itself after 10 minutes without activity.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="63" />
        <source>Masuk ke KTP-el Mandiri</source>
        <translation>Log in to KTP-el Mandiri</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="74" />
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="75" />
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="79" />
        <location filename="../../desktop/ui/login_page.py" line="113" />
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="97" />
        <source>Stasiun: %1</source>
        <translation>Station: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="105" />
        <source>Mode demo. Akun contoh:</source>
        <translation>Demo mode. Sample accounts:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="113" />
        <source>Menyiapkan data…</source>
        <translation>Preparing data…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="121" />
        <source>Menyiapkan data… lalu masuk</source>
        <translation>Preparing data… then logging in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_page.py" line="126" />
        <source>Isi nama pengguna.</source>
        <translation>Enter your username.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="63" />
        <source>KTP-el Mandiri</source>
        <translation>KTP-el Mandiri</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="82" />
        <location filename="../../desktop/ui/shell/leaving.py" line="14" />
        <location filename="../../desktop/ui/shell/leaving.py" line="16" />
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="159" />
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="159" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="160" />
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="217" />
        <source>Tunggu sampai kartu selesai dicetak sebelum keluar.</source>
        <translation>Wait until the card has finished printing before you log out.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/leaving.py" line="14" />
        <source>Penduduk yang sedang dilayani akan hilang dari layar. Tetap keluar?</source>
        <translation>The citizen being served will be cleared from the screen. Log out anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/leaving.py" line="16" />
        <location filename="../../desktop/ui/shell/leaving.py" line="28" />
        <source>Tetap di sini</source>
        <translation>Stay here</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/leaving.py" line="26" />
        <source>Tutup aplikasi</source>
        <translation>Close the application</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/leaving.py" line="26" />
        <source>Penduduk yang sedang dilayani akan hilang dari layar. Tetap tutup aplikasi?</source>
        <translation>The citizen being served will be cleared from the screen. Close the application anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/leaving.py" line="28" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="243" />
        <source>Tunggu sampai kartu selesai dicetak sebelum menutup aplikasi.</source>
        <translation>Wait until the card has finished printing before you close the application.</translation>
    </message>
</context>
<context>
    <name>MessageLine</name>
    <message>
        <location filename="../../desktop/ui/shell/message_bar.py" line="32" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/devices/registry.py" line="64" />
        <source>Printer '{uri}' tidak ditemukan. Periksa kabel USB dan nyalakan printer.</source>
        <translation>Printer '{uri}' was not found. Check the USB cable and switch the printer on.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/registry.py" line="195" />
        <source>Printer {vendor} belum bisa dipakai langsung lewat USB. Pakai lewat spooler sistem (spooler://NAMA).</source>
        <translation>{vendor} printers cannot be used directly over USB yet. Use them through the system spooler (spooler://NAME).</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/cups_spooler.py" line="112" />
        <source>Layanan cetak sistem (CUPS) tidak dapat dihubungi ({detail}). Periksa bahwa layanan CUPS berjalan.</source>
        <translation>The system's print service (CUPS) cannot be reached ({detail}). Check that the CUPS service is running.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/cups_spooler.py" line="122" />
        <source>Antrean printer '{name}' tidak punya ukuran kertas kartu {width} x {height} mm; kartu tidak dikirim agar tidak diperkecil. Pasang driver printer kartu yang benar atau pilih ukuran kartu di pengaturan antrean.</source>
        <translation>The printer queue '{name}' has no {width} x {height} mm card page size; the card was not sent, so that it is not scaled down. Install the card printer's proper driver or choose the card size in the queue's settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="32" />
        <source>{label} paling panjang {limit} karakter; yang diisi {length} karakter.</source>
        <translation>{label} may be at most {limit} characters long; {length} were entered.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="117" />
        <source>NIK hanya boleh berisi angka; ada karakter lain: {shown}.</source>
        <translation>A NIK may contain digits only; found other characters: {shown}.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="119" />
        <source>NIK belum diketik; NIK harus 16 angka.</source>
        <translation>No NIK typed yet; a NIK has 16 digits.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="122" />
        <source>NIK harus 16 angka; yang diketik {value} {unit}.</source>
        <translation>A NIK has 16 digits; {value} {unit} typed.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="165" />
        <source>Tanggal lahir di NIK tidak mungkin: {value}.</source>
        <translation>The birth date in the NIK is impossible: {value}.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="200" />
        <source>Kode provinsi {pp} di NIK tidak dikenal.</source>
        <translation>Province code {pp} in the NIK is unknown.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="202" />
        <source>Kode kabupaten/kota di NIK tidak boleh 00.</source>
        <translation>The regency/city code in the NIK may not be 00.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="204" />
        <source>Kode kecamatan di NIK tidak boleh 00.</source>
        <translation>The kecamatan code in the NIK may not be 00.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="211" />
        <source>Kode kabupaten/kota {regency_code} tidak ada di data wilayah {province_name}; mungkin kode lama sebelum pemekaran.</source>
        <translation>Regency/city code {regency_code} is not in the region data of {province_name}; it may be an old code from before a split (pemekaran).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="219" />
        <source>Kode kecamatan {kecamatan_code} tidak ada di data wilayah {regency_name}; mungkin kode lama sebelum pemekaran.</source>
        <translation>Kecamatan code {kecamatan_code} is not in the region data of {regency_name}; it may be an old code from before a split (pemekaran).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="234" />
        <source>Tanggal lahir di NIK ({value}) tidak sah: harus 01-31 untuk laki-laki atau 41-71 untuk perempuan.</source>
        <translation>The birth day in the NIK ({value}) is not valid: it must be 01-31 for men or 41-71 for women.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="239" />
        <source>Bulan lahir di NIK ({value}) tidak sah: harus 01-12.</source>
        <translation>The birth month in the NIK ({value}) is not valid: it must be 01-12.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="248" />
        <source>Nomor urut di NIK (4 angka terakhir) tidak boleh 0000.</source>
        <translation>The serial number in the NIK (last 4 digits) may not be 0000.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/nik.py" line="254" />
        <source>Tanggal lahir di NIK ({value}) berbeda dengan tanggal lahir tercatat ({value2}); NIK tetap sah dan tidak diubah.</source>
        <translation>The birth date in the NIK ({value}) differs from the recorded birth date ({value2}); the NIK stays valid and is not changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/paths.py" line="49" />
        <source>Folder data {path} tidak dapat dibuat ({strerror}). Pilih folder lain dengan --data-dir.</source>
        <translation>The data folder {path} cannot be created ({strerror}). Choose another folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/paths.py" line="52" />
        <source>{path} bukan folder. Pilih folder data lain dengan --data-dir.</source>
        <translation>{path} is not a folder. Choose another data folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/paths.py" line="55" />
        <source>Folder data {path} tidak dapat ditulis oleh pengguna ini. Perbaiki izin folder atau pilih folder lain dengan --data-dir.</source>
        <translation>This user cannot write to the data folder {path}. Fix the folder's permissions or choose another folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/paths.py" line="113" />
        <source>Tidak ada database stasiun di {path}. Periksa --data-dir (atau KTP_MANDIRI_DATA); stasiun baru disiapkan di halaman pertama aplikasi, data latihan dengan 'ktp-mandiri demo-data --with-station'.</source>
        <translation>There is no station database in {path}. Check --data-dir (or KTP_MANDIRI_DATA); a new station is set up on the application's first page, practice data with 'ktp-mandiri demo-data --with-station'.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="112" />
        <source>Ada entri audit tanpa nomor urut ({action}): entri disisipkan di luar aplikasi.</source>
        <translation>An audit entry has no sequence number ({action}): it was inserted outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="115" />
        <source>Entri audit #{seq} hilang: entri dihapus di luar aplikasi.</source>
        <translation>Audit entry #{seq} is missing: it was deleted outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="131" />
        <source>Entri audit #{seq} diubah: isinya tidak dapat dibaca.</source>
        <translation>Audit entry #{seq} was changed: its content cannot be read.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="156" />
        <source>Entri audit #{seq} diubah di luar aplikasi: isinya tidak cocok dengan hash-nya.</source>
        <translation>Audit entry #{seq} was changed outside the application: its content does not match its hash.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="164" />
        <source>Entri audit sebelum #{seq} hilang: entri dihapus di luar aplikasi dan urutannya diberi nomor ulang.</source>
        <translation>The audit entry before #{seq} is missing: it was deleted outside the application and the rest renumbered.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="167" />
        <source>Urutan entri audit diubah di luar aplikasi: entri #{seq} semula entri #{original}.</source>
        <translation>The order of the audit entries was changed outside the application: entry #{seq} was entry #{original}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="202" />
        <source>Entri audit #{first} sampai #{last} hilang dari ujung rantai: entri dihapus di luar aplikasi.</source>
        <translation>Audit entries #{first} to #{last} are missing from the end of the chain: they were deleted outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="205" />
        <source>Entri audit #{seq} tidak sama dengan kepala rantai yang tercatat: rantai dibuat ulang di luar aplikasi.</source>
        <translation>Audit entry #{seq} differs from the recorded chain head: the chain was rebuilt outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="232" />
        <source>Pengguna {username} ({role}) tidak dijelaskan oleh entri audit mana pun: dibuat di luar aplikasi.</source>
        <translation>User {username} ({role}) is explained by no audit entry: created outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="235" />
        <source>Peran pengguna {username} adalah {role}, tetapi entri audit #{seq} mencatat {claimed}.</source>
        <translation>User {username} has the role {role}, but audit entry #{seq} records {claimed}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="238" />
        <source>Status aktif pengguna {username} diubah di luar aplikasi (entri audit #{seq} mencatat yang lain).</source>
        <translation>Whether user {username} is active was changed outside the application (audit entry #{seq} records otherwise).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="241" />
        <source>Kata sandi pengguna {username} diganti di luar aplikasi (tidak cocok dengan entri audit #{seq}).</source>
        <translation>The password of user {username} was replaced outside the application (it does not match audit entry #{seq}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="245" />
        <source>Pengguna {username} dihapus di luar aplikasi (entri audit #{seq}).</source>
        <translation>User {username} was deleted outside the application (audit entry #{seq}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="250" />
        <source>Kuota harian kecamatan {kecamatan} tercatat {value}, tetapi menurut log audit {expected} (entri #{seq}).</source>
        <translation>The daily quota of kecamatan {kecamatan} is {value}, but the audit log says {expected} (entry #{seq}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="256" />
        <source>Kuota kecamatan {kecamatan} tanggal {day} tercatat {value}, tetapi menurut log audit {expected} (entri #{seq}).</source>
        <translation>The quota of kecamatan {kecamatan} on {day} is {value}, but the audit log says {expected} (entry #{seq}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="262" />
        <source>Blanko {serial} berstatus {value}, tetapi menurut log audit {expected} (entri #{seq}).</source>
        <translation>Blanko {serial} is {value}, but the audit log says {expected} (entry #{seq}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="73" />
        <source>Akun admin pertama sudah dibuat. Masuk dengan akun yang ada.</source>
        <translation>The first admin account already exists. Log in with an existing account.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="99" />
        <source>Nama pengguna hanya boleh berisi huruf, angka, titik dan garis bawah.</source>
        <translation>A username may contain only letters, digits, dots and underscores.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="102" />
        <source>Nama lengkap pengguna wajib diisi.</source>
        <translation>The user's full name is required.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="104" />
        <source>Peran {role} tidak dikenal; pilih operator, supervisor atau admin.</source>
        <translation>Role {role} is unknown; choose operator, supervisor or admin.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/clock_rules.py" line="40" />
        <source>Tanggal komputer maju {moved} sejak {last}, padahal komputer baru berjalan {ran}; betulkan tanggal dan jam komputer, atau minta supervisor memastikannya (menu Supervisor atau ktp-mandiri clock confirm), sebelum mencetak.</source>
        <translation>The computer's date moved forward {moved} since {last}, but the computer has only been running for {ran}; correct the computer's date and time, or have a supervisor confirm it (Supervisor menu or ktp-mandiri clock confirm), before printing.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/clock_rules.py" line="56" />
        <source>{days} hari {hours} jam</source>
        <translation>{days} days {hours} h</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/clock_rules.py" line="58" />
        <source>{hours} jam {minutes} menit</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/clock_rules.py" line="59" />
        <source>{minutes} menit</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../../desktop/services/head_mark.py" line="58" />
        <source>Berkas penanda {file} hilang dari folder data, padahal database ini pernah memilikinya: database mungkin dipulihkan atau disalin.</source>
        <translation>The marker file {file} is missing from the data folder although this database had one: the database may have been restored or copied.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/head_mark.py" line="61" />
        <source>Database stasiun bukan lanjutan dari catatan terakhirnya (entri audit #{seq} berbeda): database mungkin disalin dari tempat lain.</source>
        <translation>The station's database does not continue its last record (audit entry #{seq} differs): the database may have been copied from elsewhere.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/head_mark.py" line="63" />
        <source>Database stasiun mundur: catatan terakhirnya sampai entri audit #{marked}, database hanya sampai #{held} ({lost} entri hilang, misalnya kartu yang sudah dicetak).</source>
        <translation>The station's database went back: its last record reached audit entry #{marked}, the database only #{held} ({lost} entries missing, such as cards already printed).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/head_mark.py" line="68" />
        <source>{finding} Pencetakan dihentikan sampai supervisor memeriksa dan menerima pemulihan (ktp-mandiri audit accept-restore --user NAMA).</source>
        <translation>{finding} Printing is stopped until a supervisor has checked and accepted the restore (ktp-mandiri audit accept-restore --user NAME).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="475" />
        <source>Database tidak dapat ditulis.</source>
        <translation>The database cannot be written.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="616" />
        <source>Stok blanko di stasiun ini habis. Supervisor perlu mencatat penerimaan blanko baru sebelum KTP-el dapat dicetak.</source>
        <translation>The station is out of blank cards. A supervisor needs to record a receipt of new blank cards before an e-KTP can be printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/residents.py" line="246" />
        <source>Kuota hari ini untuk Kecamatan {kecamatan_name} sudah habis ({used}/{limit}). Supervisor dapat menaikkan kuota hari ini; bila tidak, layani penduduk pada hari berikutnya.</source>
        <translation>Today's quota for Kecamatan {kecamatan_name} is used up ({used}/{limit}). A supervisor can raise today's quota; otherwise serve the resident on another day.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/session.py" line="33" />
        <source>{first} atau {last}</source>
        <translation>{first} or {last}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/session.py" line="36" />
        <source>Pengguna {username} ({role}) tidak berwenang untuk tindakan ini; yang berwenang: {who}.</source>
        <translation>User {username} ({role}) is not allowed to do this; allowed: {who}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="107" />
        <source>Nama pengguna {username} sudah dipakai.</source>
        <translation>The username {username} is already taken.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="305" />
        <source>Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini; coba lagi {minutes} menit lagi atau minta supervisor membuka kuncinya.</source>
        <translation>Too many failed log-ins for this user name; try again in {minutes} minutes or ask a supervisor to lift the lock.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="221" />
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="100" />
        <source>Blanko tidak terpakai dan kembali ke stok.</source>
        <translation>The blank card was not used and is back in stock.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="102" />
        <source>{fault} {outcome} Kuota tidak terpakai.</source>
        <translation>{fault} {outcome} No quota was used.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="57" />
        <location filename="../../desktop/services/issuance.py" line="173" />
        <source>Pilih alasan pencetakan.</source>
        <translation>Choose the reason for printing.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="184" />
        <source>Tuliskan nomor {value}.</source>
        <translation>Enter the number of the {value}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="186" />
        <source>Dokumen belum dikonfirmasi: {label}.</source>
        <translation>Document not confirmed yet: {label}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="416" />
        <source>Pencetakan blanko {blanko_serial} terhenti karena kesalahan program; hasilnya tidak pasti. Periksa printer; supervisor menyelesaikan pekerjaan ini saat masuk berikutnya.</source>
        <translation>Printing blank card {blanko_serial} stopped because of a program error; the result is uncertain. Check the printer; a supervisor settles this job at their next log-in.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="314" />
        <location filename="../../desktop/services/issuance.py" line="537" />
        <source>Pekerjaan cetak ini sudah diselesaikan.</source>
        <translation>This print job has already been settled.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/spooler.py" line="95" />
        <source>Printer '{uri}' tidak ditemukan di sistem. Periksa nama antrean printer di pengaturan sistem operasi.</source>
        <translation>Printer '{uri}' was not found on this system. Check the printer queue's name in the operating system's settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/registry.py" line="71" />
        <source>Alamat printer '{uri}' tidak dikenali{hint}. Contoh: usb://0F49:0A00, sim://demo, file:///tmp/kartu.bin, spooler://NAMA_ANTREAN.</source>
        <translation>Printer address '{uri}' is not recognised{hint}. Examples: usb://0F49:0A00, sim://demo, file:///tmp/kartu.bin, spooler://QUEUE_NAME.</translation>
    </message>
    <message>
        <location filename="../../desktop/cli/station_account.py" line="34" />
        <source>Perintah ini untuk Windows; di Linux stasiun sudah milik satu akun (folder data 0700).</source>
        <translation>This command is for Windows; on Linux a station already belongs to one account (data folder 0700).</translation>
    </message>
    <message>
        <location filename="../../desktop/cli/station_account.py" line="48" />
        <source>Belum ada stasiun yang tercatat di PC ini ({path}).</source>
        <translation>No station is recorded on this PC yet ({path}).</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/qt_spooler.py" line="78" />
        <source>Driver printer {name} tidak punya ukuran kertas {width} x {height} mm (kartu, tegak atau mendatar); pilih atau tambahkan ukuran kartu CR80 di pengaturan driver.</source>
        <translation>The driver of printer {name} has no {width} x {height} mm paper (the card, portrait or landscape); choose or add the CR80 card size in the driver's settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/qt_spooler.py" line="153" />
        <source>{name} adalah printer virtual Windows (berkas PDF/XPS, OneNote atau faks), bukan printer kartu.</source>
        <translation>{name} is a Windows virtual printer (PDF/XPS file, OneNote or fax), not a card printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/usb.py" line="380" />
        <source>Printer sedang dipakai program lain (misalnya aplikasi vendor printer). Tutup program itu, lalu coba lagi.</source>
        <translation>The printer is in use by another program (for example the printer vendor's application). Close that program, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/usb.py" line="382" />
        <source>Printer sedang dipakai program lain (misalnya CUPS). Tutup program itu, lalu coba lagi.</source>
        <translation>The printer is in use by another program (for example CUPS). Close that program, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/usb.py" line="419" />
        <source>Profil printer {uri} tidak dapat dibaca ({problem}). Hapus berkasnya atau buat ulang dengan ktp-mandiri printer-probe --save-profile.</source>
        <translation>The printer profile of {uri} cannot be read ({problem}). Delete the file or make it again with ktp-mandiri printer-probe --save-profile.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/usb.py" line="583" />
        <source>Printer {uri} belum memakai driver WinUSB, jadi aplikasi tidak bisa membukanya. Pasang WinUSB dengan Zadig (lihat README), atau daftarkan printer ini sebagai spooler://NAMA_PRINTER.</source>
        <translation>Printer {uri} does not use the WinUSB driver, so the application cannot open it. Install WinUSB with Zadig (see the README), or register this printer as spooler://PRINTER_NAME.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/usb.py" line="592" />
        <source>Printer USB sedang dibuka program lain di PC ini (aplikasi vendor, Zadig, atau KTP-el Mandiri di akun Windows lain). Tutup program itu, lalu coba lagi.</source>
        <translation>The USB printer is open in another program on this PC (the vendor's application, Zadig, or KTP-el Mandiri in another Windows account). Close that program, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/usb.py" line="597" />
        <source>Tidak ada izin membuka printer USB. Pasang aturan udev KTP-el Mandiri, lalu cabut dan colok lagi printer.</source>
        <translation>No permission to open the USB printer. Install the KTP-el Mandiri udev rule, then unplug the printer and plug it in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/spooler.py" line="81" />
        <source>antrian printer dijeda</source>
        <translation>printer queue paused</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/cups_spooler.py" line="178" />
        <source>pekerjaan ditahan di antrian printer</source>
        <translation>the job is held in the print queue</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/cups_spooler.py" line="179" />
        <source>antrian printer menghentikan pekerjaan; periksa printer</source>
        <translation>the print queue stopped the job; check the printer</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/cups_spooler.py" line="243" />
        <source>antrian printer melaporkan: {reasons}</source>
        <translation>the print queue reports: {reasons}</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="63" />
        <location filename="../../desktop/devices/windows_spooler.py" line="73" />
        <source>printer kehabisan kartu</source>
        <translation>printer out of cards</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="64" />
        <location filename="../../desktop/devices/windows_spooler.py" line="72" />
        <source>printer offline</source>
        <translation>printer offline</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="65" />
        <source>driver printer menahan pekerjaan</source>
        <translation>the printer driver is holding the job</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="66" />
        <location filename="../../desktop/devices/windows_spooler.py" line="77" />
        <source>printer menunggu tindakan petugas</source>
        <translation>the printer is waiting for the operator</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="67" />
        <location filename="../../desktop/devices/windows_spooler.py" line="78" />
        <source>printer melaporkan galat</source>
        <translation>the printer reports an error</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="74" />
        <source>kartu macet di printer</source>
        <translation>card jammed in the printer</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="75" />
        <source>tutup printer terbuka</source>
        <translation>printer cover open</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="76" />
        <source>ribbon printer habis</source>
        <translation>printer ribbon empty</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="79" />
        <source>printer sedang dihapus dari Windows</source>
        <translation>the printer is being removed from Windows</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="139" />
        <source>printer diatur 'Use Printer Offline' di Windows</source>
        <translation>the printer is set to 'Use Printer Offline' in Windows</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="144" />
        <source>{jobs} pekerjaan lain masih di antrian printer</source>
        <translation>{jobs} other job(s) still in the printer queue</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="188" />
        <source>pekerjaan hilang dari antrian sebelum terlihat dicetak</source>
        <translation>the job left the queue before it was seen printing</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="191" />
        <source>pekerjaan dibatalkan saat sedang dicetak</source>
        <translation>the job was cancelled while printing</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="192" />
        <source>pekerjaan dibatalkan di antrian sebelum dicetak</source>
        <translation>the job was cancelled in the queue before printing</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="200" />
        <source>kartu tidak selesai dicetak dalam batas waktu</source>
        <translation>the card did not finish printing in time</translation>
    </message>
    <message>
        <location filename="../../desktop/devices/windows_spooler.py" line="202" />
        <source>pekerjaan tidak mulai dicetak dalam batas waktu</source>
        <translation>the job did not start printing in time</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="10" />
        <source>cetak gagal</source>
        <translation>print failed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="11" />
        <source>chip atau encoding gagal</source>
        <translation>chip or encoding failed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="12" />
        <source>rusak fisik</source>
        <translation>physically damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="13" />
        <source>data berubah setelah dicetak</source>
        <translation>data changed after printing</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="14" />
        <source>kartu kalibrasi / uji cetak</source>
        <translation>calibration / test card</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="15" />
        <source>dihapusbukukan bersama stasiun yang dicabut</source>
        <translation>written off with a revoked station</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="17" />
        <source>lainnya (catatan lama)</source>
        <translation>other (older record)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="24" />
        <source>diterima</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="25" />
        <source>dipinjamkan kabupaten</source>
        <translation>leased by the regency</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="26" />
        <source>dipesan untuk cetak</source>
        <translation>reserved for printing</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="27" />
        <source>kembali ke stok</source>
        <translation>back in stock</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="28" />
        <source>tercetak</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="29" />
        <source>rusak</source>
        <translation>spoilt</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="30" />
        <source>dimusnahkan</source>
        <translation>destroyed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="31" />
        <source>dipindahkan ke stasiun lain</source>
        <translation>moved to another station</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/card_history.py" line="17" />
        <source>server tidak menjawab: diperiksa dengan data lokal</source>
        <translation>server did not answer: checked with local data</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/card_history.py" line="56" />
        <source>dicetak {day} di {station}, blanko {blanko}, alasan {reason}</source>
        <translation>printed {day} at {station}, blank {blanko}, reason {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/card_history.py" line="59" />
        <source>{line} ({spoiled} percobaan rusak)</source>
        <translation>{line} ({spoiled} spoiled attempts)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/card_history.py" line="65" />
        <source>KTP-el untuk NIK ini sudah dicetak hari ini (blanko {blanko}, di {station}, pukul {time}). Cetak ulang hanya dengan persetujuan supervisor.</source>
        <translation>An e-KTP for this NIK was already printed today (blank {blanko}, at {station}, at {time}). A reprint needs a supervisor's approval.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/card_history.py" line="71" />
        <source>KTP-el untuk NIK ini sedang dicetak di {station} (sejak pukul {time}). Tunggu sampai kartunya keluar dari printer.</source>
        <translation>An e-KTP for this NIK is being printed at {station} (since {time}). Wait until its card comes out of the printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/card_history.py" line="83" />
        <source>Penduduk ini sudah punya KTP-el ({line}): alasannya mungkin hilang, rusak atau perubahan data, bukan baru.</source>
        <translation>This resident already has an e-KTP ({line}): the reason is probably lost, damaged or data change, not new.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/card_history.py" line="86" />
        <source>Tidak ada KTP-el sebelumnya yang diketahui untuk NIK ini; periksa KTP-el lama atau surat keterangannya (kartu dari sebelum sistem ini tetap sah).</source>
        <translation>No earlier e-KTP is known for this NIK; check the old e-KTP or its certificate (cards from before this system are still valid).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="56" />
        <source>Hasil pencetakan KTP-el untuk NIK ini tidak pasti (printer bermasalah saat mencetak). Supervisor memeriksa apa yang keluar dari printer dan mencatatnya; sampai itu NIK ini tidak dapat dicetak.</source>
        <translation>The outcome of printing the e-KTP for this NIK is uncertain (the printer had a problem while printing). A supervisor checks what came out of the printer and records it; until then this NIK cannot be printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="59" />
        <source>Pencetakan KTP-el untuk NIK ini terhenti saat aplikasi tertutup. Supervisor memeriksa apa yang keluar dari printer dan mencatatnya; sampai itu NIK ini tidak dapat dicetak.</source>
        <translation>Printing the e-KTP for this NIK stopped when the application closed. A supervisor checks what came out of the printer and records it; until then this NIK cannot be printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="66" />
        <source>Hasil pencetakan KTP-el untuk {name} (NIK {nik}) pada blanko {blanko} di {printer} tidak pasti: printer bermasalah saat mencetak. Apa yang keluar dari printer?</source>
        <translation>The outcome of printing the e-KTP for {name} (NIK {nik}) on blank {blanko} at {printer} is uncertain: the printer had a problem while printing. What came out of the printer?</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="69" />
        <source>Aplikasi tertutup saat mencetak KTP-el untuk {name} (NIK {nik}) pada blanko {blanko} di {printer}. Apa yang keluar dari printer?</source>
        <translation>The application closed while printing the e-KTP for {name} (NIK {nik}) on blank {blanko} at {printer}. What came out of the printer?</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/passwords.py" line="15" />
        <source>Kata sandi minimal {length} karakter, tidak boleh hanya angka, tidak boleh sama dengan nama pengguna, dan bukan kata sandi yang umum dipakai (seperti “bismillah” atau “12345678”).</source>
        <translation>A password has at least {length} characters, is not only digits, is not the user name, and is not a commonly used password (such as “bismillah” or “12345678”).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/passwords.py" line="36" />
        <source>Kata sandi minimal {length} karakter; tidak boleh hanya angka, sama dengan nama pengguna, atau kata sandi yang umum dipakai.</source>
        <translation>A password needs at least {length} characters; it may not be only digits, the user name, or a commonly used password.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/passwords.py" line="39" />
        <source>Kata sandi tidak boleh hanya angka; pakai juga huruf (minimal {length} karakter, bukan kata sandi yang umum dipakai).</source>
        <translation>A password may not be only digits; use letters too (at least {length} characters, not a commonly used password).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/passwords.py" line="42" />
        <source>Kata sandi tidak boleh sama dengan nama pengguna (minimal {length} karakter, tidak hanya angka, bukan kata sandi yang umum dipakai).</source>
        <translation>A password may not be the user name (at least {length} characters, not only digits, not a commonly used password).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/passwords.py" line="45" />
        <source>Kata sandi ini termasuk kata sandi yang paling umum dipakai dan mudah ditebak; pilih yang lain (minimal {length} karakter, tidak hanya angka).</source>
        <translation>This password is among the most commonly used and easy to guess; choose another (at least {length} characters, not only digits).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="120" />
        <source>Hak cetak hari ini tinggal {n}.</source>
        <translation>Print rights left today: {n}.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="122" />
        <source>Blanko yang dapat dipakai tinggal {n} (stok dikurangi perkiraan rusak).</source>
        <translation>Usable blanks left: {n} (stock less the expected spoilage).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="124" />
        <source>Printer yang siap dapat mencetak sekitar {n} kartu lagi sampai jam tutup.</source>
        <translation>The ready printers can print about {n} more cards before closing.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="186" />
        <source>Nomor ini baru dapat dipanggil ulang setelah {n} nomor lain dipanggil.</source>
        <translation>This number can be recalled only after {n} other numbers are called.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="69" />
        <source>Nomor surat berisi NIK, bukan nomor surat: ketik nomor yang tertulis pada surat.</source>
        <translation>The letter number holds a NIK, not a letter number: type the number written on the letter.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/registration.py" line="63" />
        <source>Geseran harus bilangan bulat titik antara -{max} dan {max} (2 mm).</source>
        <translation>The offset must be a whole number of dots between -{max} and {max} (2 mm).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/registration.py" line="68" />
        <source>Skala harus antara -{max} % dan +{max} %.</source>
        <translation>The scale must be between -{max} % and +{max} %.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="99" />
        <source> (dan {more} baris lain)</source>
        <translation> (and {more} more rows)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="100" />
        <source>Berkas {path} tidak diimpor, tidak ada yang diubah: {shown}{tail}. Perbaiki baris itu lalu impor ulang.</source>
        <translation>File {path} was not imported, nothing was changed: {shown}{tail}. Fix those rows and import again.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="186" />
        <source>kolom {columns} tidak ada di baris judul</source>
        <translation>column {columns} is missing from the header row</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="195" />
        <source>NIK {value} sudah diubah Excel menjadi notasi ilmiah dan digit terakhirnya hilang; format kolom NIK sebagai Teks lalu ekspor ulang dari SIAK</source>
        <translation>NIK {value} was turned into scientific notation by Excel and its last digits are lost; format the NIK column as Text and export again from SIAK</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="199" />
        <source>NIK {value}: {reason}</source>
        <translation>NIK {value}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="214" />
        <source>tanggal lahir {value} tidak sah (tulis dd/mm/yyyy)</source>
        <translation>date of birth {value} is not valid (write dd/mm/yyyy)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="223" />
        <source>{label} {value} tidak dikenal</source>
        <translation>{label} {value} is unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="230" />
        <source>{label} {value} bukan angka</source>
        <translation>{label} {value} is not a number</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="237" />
        <source>{label} kosong</source>
        <translation>{label} is empty</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="239" />
        <source>{label} lebih dari {limit} karakter</source>
        <translation>{label} is longer than {limit} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="246" />
        <source>status rekam {value} tidak dikenal</source>
        <translation>record status {value} is unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="323" />
        <source>NIK {nik} sudah ada di baris {line}</source>
        <translation>NIK {nik} is already on row {line}</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="326" />
        <source>jenis kelamin {value} tidak sah (L atau P)</source>
        <translation>sex {value} is not valid (L or P)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="330" />
        <source>golongan darah {value} tidak sah</source>
        <translation>blood type {value} is not valid</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="336" />
        <source>desa {village} tidak berada di kecamatan {kecamatan}</source>
        <translation>village {village} is not in kecamatan {kecamatan}</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="38" />
        <source>Panel kabupaten hanya tersambung lewat https:// (http:// hanya ke komputer ini sendiri); {url} ditolak sebelum ada yang dikirim.</source>
        <translation>The regency panel connects over https:// only (http:// only to this computer itself); {url} was refused before anything was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="73" />
        <source>Server kabupaten menjawab log-in tanpa sesi; coba lagi nanti.</source>
        <translation>The regency server answered the log-in without a session; try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="106" />
        <source>Tidak ada yang masuk.</source>
        <translation>Nobody is logged in.</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="116" />
        <source>panel kabupaten</source>
        <translation>the regency panel</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="119" />
        <source>riwayat 30 hari</source>
        <translation>the 30-day history</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="123" />
        <source>daftar kuota tetap</source>
        <translation>the list of standing quotas</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="134" />
        <source>buku blanko</source>
        <translation>the blank ledger</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="170" />
        <source>pembagian blanko</source>
        <translation>blank allocation</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="180" />
        <source>laporan kabupaten</source>
        <translation>regency reports</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="182" />
        <source>Server kabupaten tidak mengirim laporan yang utuh; coba lagi.</source>
        <translation>The regency server did not send a complete report; try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="193" />
        <source>Sesi ke server kabupaten sudah berakhir; masuk lagi.</source>
        <translation>The session with the regency server has ended; log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="199" />
        <source>Server kabupaten ini belum menyediakan {what}; perbarui server lalu coba lagi.</source>
        <translation>This regency server does not offer {what} yet; update the server, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="202" />
        <source>Server kabupaten {host} tidak dapat dihubungi; angka terakhir tetap tampil dan dicoba lagi sebentar lagi.</source>
        <translation>The regency server {host} cannot be reached; the last figures stay on screen and it is tried again shortly.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="68" />
        <source>Supervisor yang menyetujui mengetik nama pengguna dan kata sandinya sendiri.</source>
        <translation>The approving supervisor types their own user name and password.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="71" />
        <source>Persetujuan harus diberikan orang lain: {username} tidak dapat menyetujui permintaannya sendiri.</source>
        <translation>Approval must come from someone else: {username} cannot approve their own request.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="77" />
        <source>Pengguna {username} ({role}) tidak dapat menyetujui; yang dapat menyetujui: supervisor atau admin.</source>
        <translation>User {username} ({role}) cannot approve; a supervisor or admin can.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="122" />
        <source>Pilih sebab kartu pertama rusak.</source>
        <translation>Choose why the first card is spoiled.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="127" />
        <source>Tidak ada KTP-el untuk NIK ini yang dicetak hari ini di stasiun ini; cetak ulang tidak diperlukan.</source>
        <translation>No e-KTP was printed for this NIK today at this station; no reprint is needed.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="134" />
        <source>Blanko {serial} sudah berstatus lain.</source>
        <translation>Blank {serial} is already in another state.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="155" />
        <location filename="../../desktop/services/approvals.py" line="168" />
        <source>Tindakan ini memerlukan persetujuan supervisor atau admin lain (empat mata).</source>
        <translation>This action needs the approval of another supervisor or admin (four eyes).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/approvals.py" line="171" />
        <source>Persetujuan ini sudah dipakai; satu persetujuan untuk satu tindakan.</source>
        <translation>This approval has already been used; one approval for one action.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="197" />
        <source>Kepala rantai {hash} yang dicatat di luar stasiun tidak ada di database: rantai dibuat ulang atau dipotong di luar aplikasi.</source>
        <translation>The chain head {hash} noted outside the station is not in the database: the chain was rebuilt or cut outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="270" />
        <source>Entri audit #{seq} tidak pernah diantrekan untuk server kabupaten: entri ditambahkan di luar aplikasi.</source>
        <translation>Audit entry #{seq} was never queued for the regency server: the entry was added outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="274" />
        <source>Indeks klaim log audit (tabel audit_claim) diubah di luar aplikasi.</source>
        <translation>The audit log's claim index (table audit_claim) was changed outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="314" />
        <source>{label} {key} tidak dijelaskan oleh entri audit mana pun: ditambahkan di luar aplikasi.</source>
        <translation>{label} {key} is explained by no audit entry: added outside the application.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="317" />
        <source>{label} {key} dihapus di luar aplikasi (entri audit #{seq}).</source>
        <translation>{label} {key} was deleted outside the application (audit entry #{seq}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/audit_verify.py" line="318" />
        <source>{label} {key} diubah di luar aplikasi (tidak cocok dengan entri audit #{seq}).</source>
        <translation>{label} {key} was changed outside the application (it does not match audit entry #{seq}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/auth.py" line="330" />
        <source>Kata sandi ini adalah kata sandi contoh mode demo dan tidak boleh dipakai di stasiun sungguhan; pilih kata sandi lain.</source>
        <translation>This is a demo mode example password and may not be used at a real station; choose another password.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/backup_reminder.py" line="47" />
        <source>Salinan database terakhir dengan 'ktp-mandiri backup --out' dibuat {days} hari lalu. Buat salinan ke flashdisk atau komputer lain sekarang: untuk kartu yang dicetak tanpa jaringan, database stasiun ini satu-satunya catatan.</source>
        <translation>The last copy of the database with 'ktp-mandiri backup --out' was made {days} days ago. Make a copy to a flash disk or another computer now: for cards printed without the network, this station's database is the only record.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/backup_reminder.py" line="54" />
        <source>Belum pernah ada salinan database dengan 'ktp-mandiri backup --out'. Buat salinan ke flashdisk atau komputer lain sekarang: untuk kartu yang dicetak tanpa jaringan, database stasiun ini satu-satunya catatan.</source>
        <translation>No copy of the database has ever been made with 'ktp-mandiri backup --out'. Make a copy to a flash disk or another computer now: for cards printed without the network, this station's database is the only record.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="142" />
        <source>Pilih penyebab blanko rusak: {reasons}.</source>
        <translation>Choose the cause of the spoilt blank: {reasons}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="153" />
        <source>Blanko {serial} tidak ada di stok stasiun ini.</source>
        <translation>Blank {serial} is not in this station's stock.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="177" />
        <source>Nama saksi</source>
        <translation>Witness name</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="179" />
        <source>Saksi ditulis dengan nama dan NIP 18 angka ({name} {nip}).</source>
        <translation>Write each witness with a name and an 18-digit NIP ({name} {nip}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="183" />
        <source>Pemusnahan blanko disaksikan sedikitnya {count} orang yang berbeda.</source>
        <translation>A destruction of blanks needs at least {count} different witnesses.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="193" />
        <source>Blanko {serial} tidak tercatat rusak di stasiun ini; hanya blanko rusak yang dimusnahkan.</source>
        <translation>Blank {serial} is not recorded as spoilt at this station; only spoilt blanks are destroyed.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="196" />
        <source>Tidak ada blanko rusak yang menunggu dimusnahkan.</source>
        <translation>No spoilt blanks are awaiting destruction.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="215" />
        <source>Tuliskan kode stasiun tujuan.</source>
        <translation>Enter the receiving station's code.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="219" />
        <source>{first} s.d. {last} bukan rentang nomor seri blanko.</source>
        <translation>{first} to {last} is not a range of blank serials.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="227" />
        <source>Blanko {serial} tidak ada di stok stasiun ini; hanya blanko di stok yang dapat dipindahkan.</source>
        <translation>Blank {serial} is not in this station's stock; only blanks in stock can be moved.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="312" />
        <source>diminta {requested}</source>
        <translation>requested {requested}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="314" />
        <source>kotak {first} s.d. {last}</source>
        <translation>box {first} to {last}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="316" />
        <source>saksi: {names}</source>
        <translation>witnesses: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="319" />
        <source>ke {station}</source>
        <translation>to {station}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="321" />
        <source>persetujuan {approval}</source>
        <translation>approval {approval}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/claim_release.py" line="48" />
        <source>Klaim ini masih dipakai pekerjaan cetak {job} yang belum selesai; selesaikan pekerjaan itu dulu.</source>
        <translation>This claim is still used by print job {job}, which is not finished; settle that job first.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/claim_release.py" line="54" />
        <source>Server kabupaten tidak menjawab; klaim tidak dilepas. Coba lagi setelah koneksi pulih.</source>
        <translation>The regency server did not answer; the claim was not released. Try again once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/office_panel.py" line="226" />
        <source>Ribbon di {name} tinggal sekitar {count} kartu.</source>
        <translation>The ribbon in {name} has about {count} cards left.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="69" />
        <source>Ambil nomor antrean untuk hari buka berikutnya.</source>
        <translation>Take a queue number for the next open day.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="70" />
        <source>Minta surat keterangan (suket) pengganti KTP-el sementara.</source>
        <translation>Ask for a temporary certificate (suket) in place of the KTP-el.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="71" />
        <source>Aktifkan Identitas Kependudukan Digital (IKD) di ponsel.</source>
        <translation>Activate the Digital Population Identity (IKD) on a phone.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="147" />
        <source>Jam antrean ditulis JJ:MM (misalnya 07:00) dan hari buka sebagai angka 1-7 dipisah koma.</source>
        <translation>Queue hours are written HH:MM (for example 07:00) and open days as numbers 1-7 separated by commas.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="150" />
        <source>Jam tutup antrean harus sesudah jam bukanya.</source>
        <translation>The queue's closing time must be after its opening time.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="152" />
        <source>Hari buka ditulis sebagai angka 1 (Senin) sampai 7 (Minggu), dipisah koma.</source>
        <translation>Open days are written as numbers 1 (Monday) to 7 (Sunday), separated by commas.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="155" />
        <source>Angka pengaturan antrean harus antara 0 dan 1000.</source>
        <translation>Queue settings must be numbers between 0 and 1000.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="285" />
        <source>Nomor antrean hari ini sudah habis: {why}</source>
        <translation>Today's queue numbers are gone: {why}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="312" />
        <source>Tidak ada tempat antrean pada hari-hari buka berikutnya; minta penduduk kembali lain waktu atau gunakan IKD.</source>
        <translation>There is no queue place on the next open days; ask the citizen to come back another time or to use the IKD.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="339" />
        <source>NIK ini sudah memegang nomor {code} untuk {day}; cetak ulang nomor itu bila kertasnya hilang.</source>
        <translation>This NIK already holds number {code} for {day}; reprint that number if its paper is lost.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="346" />
        <source>Layanan antrean tidak dikenal: {service}.</source>
        <translation>Unknown queue service: {service}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="348" />
        <source>Kelompok prioritas tidak dikenal: {priority}.</source>
        <translation>Unknown priority group: {priority}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="351" />
        <source>Keterangan korban bencana terlalu panjang (paling banyak 200 huruf).</source>
        <translation>The disaster victim's note is too long (200 characters at most).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="367" />
        <source>Antrean hari ini dibuka pukul {time}.</source>
        <translation>Today's queue opens at {time}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="369" />
        <source>Antrean hari ini sudah ditutup (buka {opens}-{closes}).</source>
        <translation>Today's queue is closed (open {opens}-{closes}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="480" />
        <source>Nomor {code} tidak dapat dipanggil ulang: tempat hari ini sudah habis untuk nomor yang menunggu.</source>
        <translation>Number {code} cannot be recalled: today's places are all taken by the numbers waiting.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="545" />
        <source>Nomor antrean ini tidak dikenal di stasiun ini.</source>
        <translation>This queue number is not known at this station.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="547" />
        <source>Nomor {code} berstatus {status}; tindakan ini tidak berlaku untuknya.</source>
        <translation>Number {code} is {status}; this action does not apply to it.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="580" />
        <source>Maaf, tempat untuk nomor ini hilang: {why}</source>
        <translation>Sorry, this number has lost its place: {why}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="604" />
        <source>Kecamatan {name}</source>
        <translation>Kecamatan {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="608" />
        <source>menunggu</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="608" />
        <source>dipanggil</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="608" />
        <source>sedang dilayani</source>
        <translation>being served</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="609" />
        <source>selesai dilayani</source>
        <translation>served</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="609" />
        <source>tidak hadir</source>
        <translation>not present</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="610" />
        <source>dialihkan</source>
        <translation>sent elsewhere</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="610" />
        <source>dibatalkan</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/services/queue.py" line="611" />
        <source>kehilangan tempat</source>
        <translation>place lost</translation>
    </message>
    <message>
        <location filename="../../desktop/services/registration.py" line="106" />
        <source>Kartu kalibrasi pada blanko perlu 1 blanko di stok stasiun ini.</source>
        <translation>A calibration card on a blanko needs 1 blanko in this station's stock.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/archive.py" line="101" />
        <source>Salinan laporan {number} tidak ada di arsip stasiun ini (laporan yang dibuat sebelum arsip ada); buat lagi dari jendela Laporan.</source>
        <translation>The copy of report {number} is not in this station's archive (a report made before the archive existed); make it again from the Reports window.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/archive.py" line="105" />
        <source>Salinan laporan {number} tidak dapat dibaca: {why}.</source>
        <translation>The copy of report {number} cannot be read: {why}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/archive.py" line="108" />
        <source>Salinan laporan {number} di arsip sudah berubah sejak dibuat (hash tidak cocok dengan catatan audit); salinan itu tidak dipakai.</source>
        <translation>The archived copy of report {number} has changed since it was made (its hash does not match the audit entry); that copy is not used.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/residents.py" line="215" />
        <source>Status rekaman: {label}. {next_step}</source>
        <translation>Record status: {label}. {next_step}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station.py" line="105" />
        <source>Printer ini sudah terdaftar di stasiun ini dengan nama {name}.</source>
        <translation>This printer is already registered at this station as {name}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station_copies.py" line="70" />
        <source>Paket dukungan tidak dapat ditulis ke {path} ({exc}).</source>
        <translation>The support bundle could not be written to {path} ({exc}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station_copies.py" line="91" />
        <source>Folder {folder} tidak dapat ditulis ({exc}); pilih folder lain, mis. flash disk yang tidak terkunci.</source>
        <translation>The folder {folder} cannot be written to ({exc}); choose another folder, e.g. a flash disk that is not write-protected.</translation>
    </message>
    <message>
        <location filename="../../desktop/station_account.py" line="71" />
        <source>Berkas penanda stasiun PC ini {path} tidak dapat dibaca. Minta admin TI memeriksanya (docs/installers.md, bagian akun Windows kedua).</source>
        <translation>This PC's station marker {path} cannot be read. Ask the IT admin to look at it (docs/installers.md, section on a second Windows account).</translation>
    </message>
    <message>
        <location filename="../../desktop/station_account.py" line="127" />
        <source>Stasiun cetak PC ini sudah ada di akun Windows {holder} (stasiun {station}, folder data {path}). Keluar, lalu masuk ke Windows dengan akun itu untuk bekerja. Stasiun kedua di PC ini hanya dibuat atas keputusan admin TI: 'ktp-mandiri station-account allow "{me}"' di jendela perintah yang dijalankan sebagai Administrator.</source>
        <translation>This PC's print station is in the Windows account {holder} (station {station}, data folder {path}). Sign out, then sign in to Windows with that account to work. A second station on this PC is made only by the IT admin's decision: 'ktp-mandiri station-account allow "{me}"' in a command window run as Administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/station_account.py" line="169" />
        <source>Belum ada stasiun di PC ini ({path} tidak ada); akun mana pun dapat membuatnya.</source>
        <translation>No station on this PC yet ({path} does not exist); any account may make it.</translation>
    </message>
    <message>
        <location filename="../../desktop/station_account.py" line="173" />
        <source>Nama akun Windows kosong atau terlalu panjang.</source>
        <translation>The Windows account name is empty or too long.</translation>
    </message>
    <message>
        <location filename="../../desktop/station_account.py" line="180" />
        <source>Hanya Administrator yang dapat mengizinkan stasiun kedua di PC ini: buka jendela perintah dengan 'Run as administrator', lalu ulangi.</source>
        <translation>Only an Administrator can allow a second station on this PC: open a command window with 'Run as administrator', then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="84" />
        <source>Printer {name} adalah printer kartu; laporan dicetak di printer kantor (A4).</source>
        <translation>Printer {name} is a card printer; reports are printed on an office printer (A4).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="99" />
        <source>Printer {name} tidak dapat dipakai sekarang; periksa printernya, lalu coba lagi.</source>
        <translation>Printer {name} cannot be used now; check the printer, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows_folder.py" line="70" />
        <source>Folder data {path} ada di folder jaringan; database stasiun harus di disk lokal PC ini (mis. C:). Pilih folder lain dengan --data-dir.</source>
        <translation>Data folder {path} is on a network share; the station's database must be on this PC's local disk (e.g. C:). Choose another folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows_folder.py" line="73" />
        <source>Folder data {path} ada di drive jaringan {drive}; database stasiun harus di disk lokal PC ini (mis. C:). Pilih folder lain dengan --data-dir.</source>
        <translation>Data folder {path} is on network drive {drive}; the station's database must be on this PC's local disk (e.g. C:). Choose another folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows_folder.py" line="77" />
        <source>Folder data {path} disinkronkan oleh OneDrive; OneDrive dapat mengunggah database setengah tertulis atau mengembalikan salinan lama. Pilih folder di luar OneDrive dengan --data-dir.</source>
        <translation>Data folder {path} is synced by OneDrive; OneDrive can upload a half-written database or put back an older copy. Choose a folder outside OneDrive with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/clock_rules.py" line="29" />
        <source>Jam komputer ({now}) lebih awal dari kegiatan terakhir yang tercatat ({last}); betulkan tanggal dan jam komputer, atau minta supervisor memastikannya, sebelum mencetak.</source>
        <translation>The computer's clock ({now}) is earlier than the last recorded event ({last}); correct the computer's date and time, or ask a supervisor to confirm it, before printing.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/blanko.py" line="16" />
        <source>hilang sesudah pemulihan database (tidak ada saat dihitung)</source>
        <translation>missing after a database restore (not there when counted)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/clock_rules.py" line="33" />
        <source>Jam komputer ({now}) lebih dari sehari sesudah kegiatan terakhir yang tercatat ({last}); minta supervisor memastikan tanggal dan jam (menu Supervisor) sebelum mencetak.</source>
        <translation>The computer's clock ({now}) is more than a day after the last recorded event ({last}); ask a supervisor to confirm the date and time (Supervisor menu) before printing.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="119" />
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="123" />
        <source>{what} {path} tidak ada.</source>
        <translation>{what} {path} does not exist.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="125" />
        <location filename="../../desktop/domain/resident_file.py" line="133" />
        <source>{path} adalah folder, bukan berkas; sebutkan berkas CSV-nya.</source>
        <translation>{path} is a folder, not a file; name the CSV file.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="128" />
        <source>{what} {path} tidak boleh dibaca oleh pengguna yang menjalankan perintah ini; simpan di folder yang dapat dibacanya.</source>
        <translation>{what} {path} may not be read by the user running this command; put it in a folder that user can read.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="135" />
        <source>{what} {path} tidak dapat dibaca ({reason}).</source>
        <translation>{what} {path} cannot be read ({reason}).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="146" />
        <source>Pengodean {encoding} tidak dikenal (mis. utf-8 atau cp1252).</source>
        <translation>Encoding {encoding} is unknown (e.g. utf-8 or cp1252).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="150" />
        <source>; bila berkas disimpan Excel di Windows, impor dengan --encoding cp1252</source>
        <translation>; if Excel on Windows saved the file, import it with --encoding cp1252</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="152" />
        <source>Berkas {path} tidak diimpor, tidak ada yang diubah: baris {line} bukan teks {encoding} (byte 0x{byte:02x}){hint}.</source>
        <translation>File {path} was not imported, nothing was changed: line {line} is not {encoding} text (byte 0x{byte:02x}){hint}.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="265" />
        <source>jenis kelamin</source>
        <translation>sex</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="265" />
        <source>tanggal lahir</source>
        <translation>birth date</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/resident_file.py" line="266" />
        <source>baris {line}: NIK {nik}: {label} {recorded} berbeda dengan NIK ({in_nik}); diimpor apa adanya</source>
        <translation>line {line}: NIK {nik}: {label} {recorded} differs from the NIK ({in_nik}); imported as given</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="52" />
        <source>Periksa NIK penduduk terlebih dahulu.</source>
        <translation>Check the resident's NIK first.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="61" />
        <source>Tuliskan nomor: {document}.</source>
        <translation>Enter the document number: {document}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="63" />
        <source>Konfirmasi dokumen: {document}.</source>
        <translation>Confirm the document: {document}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="73" />
        <source>Tidak ada printer yang terpasang di stasiun ini.</source>
        <translation>No printer is set up at this station.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="77" />
        <source>Printer sedang mencetak kartu lain; kartu berikutnya dapat dicetak setelah selesai.</source>
        <translation>The printer is printing another card; the next card can be printed when it is done.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="79" />
        <source>Memeriksa printer…</source>
        <translation>Checking the printer…</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="81" />
        <source>{fault} Tombol Cetak aktif lagi begitu printer siap.</source>
        <translation>{fault} The Print button comes back as soon as the printer is ready.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/counter.py" line="82" />
        <source>Status printer tidak diketahui. Periksa printer, lalu tunggu sebentar.</source>
        <translation>The printer status is unknown. Check the printer, then wait a moment.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="99" />
        <source>Blanko {serial} dicatat rusak.</source>
        <translation>Blank card {serial} recorded as spoiled.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="175" />
        <source>Dokumen tidak dikenal untuk alasan ini: {unknown}. Pilihannya: {known}.</source>
        <translation>Documents unknown for this reason: {unknown}. The choices: {known}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="264" />
        <source>Catatan di database stasiun diubah di luar aplikasi ({count} catatan, misalnya kartu yang sudah dicetak atau status blanko). Pencetakan dihentikan sampai supervisor memeriksa dan menyisihkan catatan itu (ktp-mandiri audit set-aside --user NAMA).</source>
        <translation>Records in the station database were changed outside the application ({count} records, for example printed cards or blank card states). Printing is stopped until a supervisor has checked and set those records aside (ktp-mandiri audit set-aside --user NAME).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="393" />
        <source>{cause} saat mencetak blanko {blanko_serial}; hasilnya tidak pasti. Lihat apa yang keluar dari printer; supervisor menyelesaikan pekerjaan ini saat masuk berikutnya.</source>
        <translation>{cause} while printing blanko {blanko_serial}; the result is uncertain. Look at what came out of the printer; a supervisor settles this job at their next log-in.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="451" />
        <source>Pekerjaan cetak blanko {blanko_serial} sudah dilepas di tempat lain; tidak ada yang dikirim ke printer.</source>
        <translation>The print job for blank card {blanko_serial} was already released elsewhere; nothing was sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="481" />
        <source>{problem} Hasil cetak blanko {blanko_serial} ({outcome}) tidak dapat disimpan; catat hasil ini, supervisor menyelesaikan pekerjaan ini setelah masalahnya diatasi.</source>
        <translation>{problem} The outcome for blank card {blanko_serial} ({outcome}) could not be saved; write it down, a supervisor settles this job once the problem is fixed.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="487" />
        <source>{problem} Hasil cetak blanko {blanko_serial} ({outcome}) disimpan di jurnal cadangan dan dicatat otomatis saat KTP-el Mandiri dibuka lagi.</source>
        <translation>{problem} The outcome for blank card {blanko_serial} ({outcome}) was kept in the backup journal and is recorded automatically when KTP-el Mandiri is opened again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="528" />
        <source>kartu jadi</source>
        <translation>card printed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="529" />
        <source>blanko rusak</source>
        <translation>blank card spoiled</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="530" />
        <source>blanko kembali ke stok</source>
        <translation>blank card back in stock</translation>
    </message>
    <message>
        <location filename="../../desktop/services/issuance.py" line="603" />
        <source>Blanko {serial} sudah berstatus lain; pekerjaan cetak ini sudah diselesaikan di tempat lain.</source>
        <translation>Blank card {serial} already has another status; this print job was settled elsewhere.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/jobs.py" line="125" />
        <source>Pekerjaan cetak {job} tidak ditemukan; lihat daftarnya dengan 'ktp-mandiri jobs'.</source>
        <translation>Print job {job} not found; see the list with 'ktp-mandiri jobs'.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/jobs.py" line="143" />
        <source>Hasil pekerjaan cetak ini sudah tersimpan di jurnal cadangan dan dicatat otomatis begitu database dapat ditulis lagi.</source>
        <translation>The outcome of this print job is already kept in the backup journal and is recorded automatically as soon as the database can be written again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/jobs.py" line="200" />
        <source>Pekerjaan cetak ini masih berjalan (proses {pid} di {host} sejak {started}); tunggu sampai kartunya keluar dari printer.</source>
        <translation>This print job is still running (process {pid} on {host} since {started}); wait until its card comes out of the printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="83" />
        <source>Stasiun ini belum mendapat hak cetak hari ini untuk Kecamatan {name}: hak cetak datang dari server kabupaten saat sinkronisasi; sambungkan stasiun ke server.</source>
        <translation>This station has no print rights for Kecamatan {name} today yet: print rights come from the regency server when the station syncs; connect the station to the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="87" />
        <source>Kuota hari ini Kecamatan {name} sudah habis dibagi ke semua stasiun: kartu untuk kecamatan ini tidak dapat dicetak lagi hari ini kecuali kabupaten menaikkan kuotanya.</source>
        <translation>Today's quota of Kecamatan {name} has been shared out to all stations: no more cards can be printed for this kecamatan today unless the regency raises its quota.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="91" />
        <source>Hak cetak Kecamatan {name} di stasiun ini habis dan tidak dapat diperbarui karena server kabupaten tidak terjangkau: kartu untuk kecamatan ini baru dapat dicetak lagi setelah stasiun tersambung.</source>
        <translation>This station's print rights for Kecamatan {name} are used up and cannot be renewed because the regency server cannot be reached: cards for this kecamatan can be printed again only once the station is connected.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="94" />
        <source>Hak cetak Kecamatan {name} di stasiun ini habis; stasiun sedang meminta tambahan ke server kabupaten.</source>
        <translation>This station's print rights for Kecamatan {name} are used up; the station is asking the regency server for more.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="98" />
        <source>Hak cetak Kecamatan {name} tinggal {left} dan tidak dapat diperbarui karena server kabupaten tidak terjangkau: setelah habis, kartu untuk kecamatan ini berhenti dicetak sampai stasiun tersambung.</source>
        <translation>Only {left} print rights are left for Kecamatan {name} and they cannot be renewed because the regency server cannot be reached: once they are used, no cards are printed for this kecamatan until the station is connected.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="102" />
        <source>Server kabupaten baru dipulihkan dan menunggu laporan stasiun lain: hak cetak yang ada tetap dapat dipakai, tambahan baru diberikan setelah semua stasiun melapor.</source>
        <translation>The regency server was just restored and is waiting for the other stations' reports: the print rights held can still be used, new ones are granted once every station has reported.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="107" />
        <source>{count} blanko dalam pengiriman dari kabupaten: konfirmasi di menu Supervisor &gt; Terima blanko saat kotaknya tiba.</source>
        <translation>{count} blank cards are on their way from the regency: confirm them in Supervisor &gt; Receive blanks when the box arrives.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="110" />
        <source>Kabupaten tidak punya blanko untuk dikirim ke stasiun ini; minta admin kabupaten mencatat penerimaan blanko.</source>
        <translation>The regency has no blank cards to send to this station; ask the regency admin to record a receipt of blank cards.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="118" />
        <source>{n} hari</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="120" />
        <source>{n} jam</source>
        <translation>{n} hours</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="121" />
        <source>{n} menit</source>
        <translation>{n} minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="198" />
        <source>Jam komputer ini {direction} {amount} dari jam server kabupaten; pencetakan berhenti sampai jam komputer dibetulkan dan stasiun tersinkron lagi.</source>
        <translation>This computer's clock is {amount} {direction} the regency server's; printing stops until the computer's clock is put right and the station has synced again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="200" />
        <source>lebih cepat</source>
        <translation>ahead of</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="200" />
        <source>lebih lambat</source>
        <translation>behind</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="203" />
        <source>Jam komputer ini {amount} lebih cepat dari jam server kabupaten (dihitung dari sinkronisasi terakhir dan lamanya komputer berjalan sejak itu); pencetakan berhenti sampai jam komputer dibetulkan dan stasiun tersinkron lagi.</source>
        <translation>This computer's clock is {amount} ahead of the regency server's clock (reckoned from the last sync and how long the computer has run since); printing stops until the clock is corrected and the station has synced again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="208" />
        <source>Jam komputer ini mundur sejak sinkronisasi terakhir; pencetakan berhenti sampai jam komputer dibetulkan dan stasiun tersinkron lagi.</source>
        <translation>This computer's clock went back since the last sync; printing stops until the computer's clock is put right and the station has synced again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="211" />
        <source>Server kabupaten baru dipulihkan dari cadangan: stasiun harus melaporkan hak cetaknya dulu. Sinkronkan sekarang, lalu cetak lagi.</source>
        <translation>The regency server was just restored from a backup: the station must report its print rights first. Sync now, then print again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="227" />
        <source>Stasiun ini belum mendapat hak cetak hari ini untuk Kecamatan {name}; hak cetak datang dari server kabupaten saat sinkronisasi. Periksa sambungan ke server.</source>
        <translation>This station has no print rights for Kecamatan {name} today yet; print rights come from the regency server when the station syncs. Check the connection to the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="230" />
        <source>Kuota hari ini Kecamatan {name} sudah habis dibagi ke semua stasiun (kuota {limit}). Minta supervisor mengajukan kenaikan kuota ke kabupaten, atau layani penduduk pada hari berikutnya.</source>
        <translation>Today's quota of Kecamatan {name} has been shared out to all stations (quota {limit}). Ask the supervisor to request a higher quota from the regency, or serve the resident on another day.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="233" />
        <source>Hak cetak Kecamatan {name} di stasiun ini habis ({used} dari {granted} terpakai). Stasiun meminta tambahan ke server kabupaten; bila stasiun luring, sambungkan dulu.</source>
        <translation>This station's print rights for Kecamatan {name} are used up ({used} of {granted} used). The station asks the regency server for more; if the station is offline, connect it first.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="258" />
        <source>Rentang blanko ini tidak dikenal di stasiun ini.</source>
        <translation>This range of blank cards is not known at this station.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="260" />
        <source>Blanko {first} s.d. {last} sudah dikonfirmasi diterima.</source>
        <translation>Blank cards {first} to {last} were already confirmed as received.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="281" />
        <source>kartu {key}</source>
        <translation>cards {key}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="281" />
        <source>blanko {key}</source>
        <translation>blanks {key}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="283" />
        <source>{what}: stasiun {station}, server {server}</source>
        <translation>{what}: station {station}, server {server}</translation>
    </message>
    <message>
        <location filename="../../desktop/services/leases.py" line="285" />
        <source>Hitungan stasiun ini berbeda dari server kabupaten setelah dikirim ulang ({details}); laporkan ke admin kabupaten untuk diperiksa.</source>
        <translation>This station's counts differ from the regency server's after they were sent again ({details}); report it to the regency admin to be looked into.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/panel_rules.py" line="33" />
        <source>Stok blanko habis.</source>
        <translation>The blank card stock is empty.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/panel_rules.py" line="35" />
        <source>Blanko tinggal {count}, cukup sekitar {days} hari.</source>
        <translation>{count} blanks left, enough for about {days} days.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/panel_rules.py" line="46" />
        <source>Kuota {name} hari ini habis ({printed} dari {quota}).</source>
        <translation>Today's quota of {name} is used up ({printed} of {quota}).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/panel_rules.py" line="49" />
        <source>Kuota {name} tinggal {remaining}.</source>
        <translation>{remaining} left of the quota of {name}.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/panel_rules.py" line="51" />
        <source>Hak cetak {name} dari kabupaten sudah terpakai semua.</source>
        <translation>The print rights of {name} from the regency are all used.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/office_panel.py" line="217" />
        <source>{count} pekerjaan cetak menunggu keputusan supervisor.</source>
        <translation>{count} print jobs await a supervisor's decision.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/office_panel.py" line="219" />
        <source>{count} cetak ulang disetujui dan belum dicetak.</source>
        <translation>{count} approved reprints are not printed yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/office_panel.py" line="221" />
        <source>Tidak ada printer yang siap.</source>
        <translation>No printer is ready.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/office_panel.py" line="224" />
        <source>Printer {name}: {state}.</source>
        <translation>Printer {name}: {state}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/office_panel.py" line="229" />
        <source>Stasiun ini belum punya printer.</source>
        <translation>This station has no printer yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/office_panel.py" line="230" />
        <source>Semua berjalan baik.</source>
        <translation>All is well.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/quota.py" line="122" />
        <source>Tuliskan alasan perubahan kuota hari ini.</source>
        <translation>Enter the reason for changing today's quota.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/quota.py" line="130" />
        <source>Kuota tidak boleh lebih kecil dari kartu yang sudah dicetak hari ini ({used}).</source>
        <translation>The quota may not be lower than the cards already printed today ({used}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/quota.py" line="167" />
        <source>Permintaan kuota {limit} untuk hari ini dikirim ke kabupaten; kuota berubah setelah kabupaten menyetujuinya.</source>
        <translation>A request for a quota of {limit} today was sent to the regency; the quota changes once the regency approves it.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/quota.py" line="183" />
        <source>Kuota tidak sah: {exc}.</source>
        <translation>Invalid quota: {exc}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/recovery.py" line="50" />
        <source>{count} pencetakan terhenti saat aplikasi tertutup. Blanko dan kuotanya ditahan sampai supervisor masuk dan menyatakan apa yang keluar dari printer.</source>
        <translation>{count} print job(s) stopped when the application closed. Their blank cards and quota places are held until a supervisor logs in and states what came out of the printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/document.py" line="20" />
        <source>Laporan harian</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/document.py" line="21" />
        <source>Berita acara pemusnahan</source>
        <translation>Destruction record (berita acara)</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/document.py" line="22" />
        <source>Pengumuman stok blanko</source>
        <translation>Public blanko stock notice</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/document.py" line="23" />
        <source>Permohonan blanko</source>
        <translation>Blanko request letter</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/document.py" line="24" />
        <source>Rekap bulanan</source>
        <translation>Monthly recap</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/__init__.py" line="176" />
        <source>Jenis laporan tidak dikenal: {kind} (pilih {kinds}).</source>
        <translation>Unknown report type: {kind} (choose {kinds}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/__init__.py" line="181" />
        <source>Laporan untuk hari yang belum tiba tidak dapat dibuat ({day}).</source>
        <translation>A report cannot be made for a day that has not come yet ({day}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/__init__.py" line="186" />
        <source>Kecamatan hanya dipilih untuk laporan harian dan rekap bulanan; laporan ini mencakup seluruh stok stasiun.</source>
        <translation>A kecamatan is chosen only for the daily report and the monthly recap; this report covers the station's whole stock.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/__init__.py" line="189" />
        <source>Kecamatan {code} tidak dilayani stasiun ini (yang dilayani: {served}).</source>
        <translation>Kecamatan {code} is not served by this station (served: {served}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/reports/__init__.py" line="199" />
        <source>Kode kecamatan {code} tidak sah; tulis seperti 36.74.06.</source>
        <translation>Kecamatan code {code} is not valid; write it like 36.74.06.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/output.py" line="55" />
        <source>Laporan tidak dapat disimpan di {path}: {why}.</source>
        <translation>The report cannot be saved in {path}: {why}.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="87" />
        <source>Pola nomor surat hanya boleh memakai {fields} (misalnya {example}).</source>
        <translation>The letter number pattern may only use {fields} (for example {example}).</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="98" />
        <source>Penanda tangan perlu jabatan dan nama.</source>
        <translation>A signatory needs a title and a name.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="100" />
        <source>NIP {nip} tidak sah: NIP terdiri dari 18 angka.</source>
        <translation>NIP {nip} is not valid: a NIP has 18 digits.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="111" />
        <source>Berkas logo {path} tidak dapat dibaca ({why}).</source>
        <translation>The logo file {path} cannot be read ({why}).</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="114" />
        <source>Berkas logo lebih dari 2 MB; perkecil dulu gambarnya.</source>
        <translation>The logo file is larger than 2 MB; make the image smaller first.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="120" />
        <source>Berkas {path} bukan gambar yang dapat dibaca (PNG atau JPEG).</source>
        <translation>The file {path} is not a readable image (PNG or JPEG).</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="70" />
        <source>Paling banyak {count} penanda tangan.</source>
        <translation>At most {count} signatories.</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="136" />
        <source>Logo tersimpan rusak; unggah ulang logonya.</source>
        <translation>The stored logo is damaged; upload the logo again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/resident_import.py" line="40" />
        <source>Stasiun ini terdaftar di server kabupaten: data penduduk datang dari server, bukan dari berkas.</source>
        <translation>This station is enrolled with the regency server: resident data comes from the server, not from a file.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/resident_import.py" line="77" />
        <source>{source} bukan folder atau berkas zip foto.</source>
        <translation>{source} is not a folder or a zip file of photos.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/job_outcome.py" line="54" />
        <source>KTP-el untuk NIK ini sedang dicetak. Tunggu sampai kartunya keluar dari printer.</source>
        <translation>The e-KTP for this NIK is being printed. Wait until the card comes out of the printer.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/residents.py" line="234" />
        <source>KTP-el untuk NIK ini sudah dicetak hari ini (blanko {printed}). Cetak ulang hanya dengan persetujuan supervisor.</source>
        <translation>The e-KTP for this NIK was already printed today (blank card {printed}). A reprint needs a supervisor's approval.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/residents.py" line="137" />
        <source>Foto penduduk ini belum ada di stasiun. Sambungkan ke server kabupaten lalu periksa lagi; bila tetap tidak ada, foto belum dikirim oleh Disdukcapil.</source>
        <translation>This resident's photo is not at the station yet. Connect to the regency server and check again; if it is still missing, Disdukcapil has not sent the photo.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/residents.py" line="219" />
        <source>Penduduk berdomisili di Kecamatan {kecamatan_name}, yang tidak dilayani stasiun ini. Arahkan ke kantor kecamatan domisilinya.</source>
        <translation>The citizen lives in Kecamatan {kecamatan_name}, which this station does not serve. Send them to the office of their own kecamatan.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/restore_count.py" line="52" />
        <source>Database stasiun dipulihkan: sebelum mencetak lagi, supervisor menghitung sisa blanko fisik dan mencatatnya (menu Supervisor, atau ktp-mandiri blanko count --user NAMA SERI...).</source>
        <translation>The station database was restored: before printing again, a supervisor counts the physical blanks left and records the count (Supervisor menu, or ktp-mandiri blanko count --user NAME SERIAL...).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/restore_count.py" line="84" />
        <source>{item} bukan nomor seri atau rentang blanko (tulis misalnya BLK-0000007 atau BLK-0000007..BLK-0000040).</source>
        <translation>{item} is not a blank serial number or range (write for example BLK-0000007 or BLK-0000007..BLK-0000040).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/restore_count.py" line="98" />
        <source>Tidak ada pemulihan database yang menunggu hitungan blanko.</source>
        <translation>No database restore is waiting for a blank count.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/restore_count.py" line="104" />
        <source>{count} blanko yang Anda sebut tidak tercatat di stok stasiun ini ({serials}): periksa lagi nomornya; tidak ada yang dicatat.</source>
        <translation>{count} blanks you named are not recorded in this station's stock ({serials}): check the numbers again; nothing was recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/restore_count.py" line="122" />
        <source>Hitungan blanko dicatat (entri audit #{seq}): {present} blanko ada, sama dengan stok; pencetakan dapat berlanjut.</source>
        <translation>Blank count recorded (audit entry #{seq}): {present} blanks at hand, the same as the stock; printing may go on.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/restore_count.py" line="124" />
        <source>Hitungan blanko dicatat (entri audit #{seq}): {present} blanko ada; {count} blanko tidak ditemukan dan dicatat rusak di buku blanko dengan alasan 'hilang sesudah pemulihan' ({serials}). Pencetakan dapat berlanjut.</source>
        <translation>Blank count recorded (audit entry #{seq}): {present} blanks at hand; {count} blanks were not found and are recorded as spoiled in the blank ledger with the reason 'missing after the restore' ({serials}). Printing may go on.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/revocation.py" line="28" />
        <source>Stasiun ini sudah dicabut oleh admin kabupaten: pencetakan berhenti untuk seterusnya. Hubungi petugas TI kabupaten; catatan stasiun diserahkan dengan ktp-mandiri backup --out.</source>
        <translation>This station has been revoked by the regency admin: printing has stopped for good. Contact the regency's IT officer; hand over the station's records with ktp-mandiri backup --out.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/session.py" line="26" />
        <source>Kata sandi {username} harus diganti dulu sebelum bekerja (ktp-mandiri users passwd --user {username}, atau masuk lewat aplikasi).</source>
        <translation>{username} must change the password before working (ktp-mandiri users passwd --user {username}, or log in to the application).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/set_aside.py" line="41" />
        <source>Rantai audit sendiri rusak di entri #{seq}: {problem} Ini tidak dapat disisihkan; hubungi admin kabupaten.</source>
        <translation>The audit chain itself is broken at entry #{seq}: {problem} This cannot be set aside; contact the regency admin.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station.py" line="68" />
        <source>Stasiun cetak belum disiapkan. Jalankan penyiapan stasiun terlebih dahulu.</source>
        <translation>The print station is not set up yet. Run the station set-up first.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station.py" line="84" />
        <source>Kode kecamatan {code} tidak dikenal.</source>
        <translation>Kecamatan code {code} is unknown.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station.py" line="108" />
        <source>Nama printer {name} sudah dipakai printer lain di stasiun ini; pilih nama lain.</source>
        <translation>The printer name {name} is already used by another printer at this station; choose another name.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station.py" line="123" />
        <source>Printer {uri} tidak terdaftar di stasiun ini.</source>
        <translation>Printer {uri} is not registered at this station.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station.py" line="133" />
        <source>Printer {name} masih punya pekerjaan cetak yang belum selesai; tunggu sampai selesai atau minta supervisor menyatakan hasilnya, lalu hapus lagi.</source>
        <translation>Printer {name} still has an unfinished print job; wait until it finishes or ask a supervisor to state its outcome, then remove it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/stock.py" line="68" />
        <source>Tuliskan nomor batch / berita acara penerimaan blanko.</source>
        <translation>Enter the batch number / delivery report (berita acara) of the blank cards.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/stock.py" line="72" />
        <source>Jumlah blanko yang diterima harus antara 1 dan {MAX_RECEIPT}.</source>
        <translation>The number of blank cards received must be between 1 and {MAX_RECEIPT}.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/stock.py" line="74" />
        <source>Jumlah yang diminta ({requested}) tidak boleh kurang dari yang diterima ({quantity}).</source>
        <translation>The quantity requested ({requested}) cannot be less than the quantity received ({quantity}).</translation>
    </message>
    <message>
        <location filename="../../desktop/services/stock.py" line="80" />
        <source>Stasiun ini terdaftar di server kabupaten: blanko datang dari kabupaten dengan nomor seri yang sudah ditetapkan. Konfirmasi kotak yang tiba di Terima blanko.</source>
        <translation>This station is enrolled with the regency server: blank cards come from the regency with serial numbers already assigned. Confirm a box that arrived in Receive blanks.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/stock.py" line="93" />
        <source>Berita acara {batch} sudah dicatat diterima pada {day}; blanko dari dokumen yang sama tidak dicatat dua kali. Periksa nomor dokumen pengirimannya.</source>
        <translation>Delivery record {batch} was already recorded as received on {day}; blanko of the same document are not recorded twice. Check the delivery document's number.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/blanko_ledger.py" line="154" />
        <location filename="../../desktop/services/stock.py" line="134" />
        <source>Stok blanko di stasiun ini habis.</source>
        <translation>This station has no blanko left in stock.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/users.py" line="34" />
        <source>Stasiun ini terdaftar ke server kabupaten, jadi akun pengguna dibuat, diubah dan disetel ulang oleh admin kabupaten di server (ktp-mandiri-server user), bukan di stasiun.</source>
        <translation>This station is enrolled with the regency server, so user accounts are created, changed and reset by the regency's admin on the server (ktp-mandiri-server user), not at the station.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/users.py" line="101" />
        <source>Anda tidak dapat menonaktifkan akun Anda sendiri.</source>
        <translation>You cannot deactivate your own account.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/users.py" line="131" />
        <source>Kata sandi baru harus berbeda dari yang lama.</source>
        <translation>The new password must differ from the old one.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/users.py" line="153" />
        <source>Pengguna {username} tidak ada.</source>
        <translation>There is no user {username}.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/backup.py" line="45" />
        <source>Salinan database tidak lolos pemeriksaan ({problem}); salinan tidak disimpan.</source>
        <translation>The database copy failed its check ({problem}); the copy was not kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/backup.py" line="59" />
        <source>Salinan database tidak dapat ditulis ke {path} ({exc}).</source>
        <translation>The database copy cannot be written to {path} ({exc}).</translation>
    </message>
    <message>
        <location filename="../../desktop/store/backup.py" line="67" />
        <source>Tujuan cadangan adalah database itu sendiri; pilih berkas lain.</source>
        <translation>The backup target is the database itself; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/station_copies.py" line="83" />
        <location filename="../../desktop/store/backup.py" line="69" />
        <source>Folder {folder} tidak ada; buat dulu atau pilih tujuan lain.</source>
        <translation>Folder {folder} does not exist; create it first or choose another target.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/db.py" line="81" />
        <source>{path} adalah folder, bukan berkas database. Pindahkan folder itu atau pilih folder data lain dengan --data-dir.</source>
        <translation>{path} is a folder, not a database file. Move that folder away or choose another data folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/db.py" line="91" />
        <source>Berkas database {path} rusak atau bukan database KTP-el Mandiri. Berkas tidak diubah; hubungi petugas TI kabupaten untuk memulihkannya dari cadangan.</source>
        <translation>The database file {path} is damaged or not a KTP-el Mandiri database. The file was not changed; contact the regency IT officer to restore it from a backup.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/db.py" line="102" />
        <source>Berkas {path} adalah database lain, bukan database KTP-el Mandiri. Berkas tidak diubah; pilih folder data lain dengan --data-dir.</source>
        <translation>The file {path} is another program's database, not KTP-el Mandiri's. The file was not changed; choose another data folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/errors.py" line="81" />
        <source>Disk gagal membaca atau menulis data di {folder}. Periksa disk itu; data yang sudah tersimpan tidak diubah.</source>
        <translation>The disk failed to read or write data in {folder}. Check that disk; data already saved was not changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/errors.py" line="165" />
        <source>Database di {path} rusak. Berkas tidak diubah; hubungi petugas TI kabupaten untuk memulihkannya dari cadangan.</source>
        <translation>The database at {path} is damaged. The file was not changed; contact the regency IT officer to restore it from a backup.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/errors.py" line="87" />
        <source>Database di {path} sedang dikunci program lain terlalu lama. Coba lagi sebentar lagi; bila berulang, tutup program lain yang membuka folder data ini.</source>
        <translation>The database in {path} has been locked by another program for too long. Try again shortly; if it keeps happening, close the other program that opened this data folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/errors.py" line="117" />
        <source>Disk penuh: data di {folder} tidak dapat disimpan (sisa {free}). Sediakan sedikitnya {need} ruang kosong di disk itu (hapus berkas lain, bukan isi folder data), lalu coba lagi; data yang sudah tersimpan aman.</source>
        <translation>Disk full: data in {folder} cannot be saved ({free} left). Make at least {need} free on that disk (delete other files, not the contents of the data folder), then try again; data already saved is safe.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/errors.py" line="148" />
        <source>Database di {path} tidak dapat ditulis. Pastikan folder data dapat ditulis oleh pengguna ini, atau pilih folder lain dengan --data-dir.</source>
        <translation>The database at {path} cannot be written. Make sure this user can write to the data folder, or choose another folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/errors.py" line="156" />
        <source>Database di {path} tidak dapat dibuka oleh pengguna ini. Jalankan KTP-el Mandiri dengan akun pemilik folder data, perbaiki izinnya, atau pilih folder lain dengan --data-dir.</source>
        <translation>The database in {path} cannot be opened by this user. Run KTP-el Mandiri with the account that owns the data folder, fix its permissions, or choose another folder with --data-dir.</translation>
    </message>
    <message>
        <location filename="../../desktop/regency/session.py" line="35" />
        <location filename="../../desktop/sync/client.py" line="58" />
        <source>Alamat server {url} tidak sah; tulis seperti https://server.kabupaten.go.id</source>
        <translation>Server address {url} is not valid; write it like https://server.kabupaten.go.id</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/client.py" line="61" />
        <source>Server kabupaten harus dihubungi lewat https://, bukan http:// ({url}).</source>
        <translation>The regency server must be reached over https://, not http:// ({url}).</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/client.py" line="128" />
        <source>Sertifikat server {host} tidak dipercaya ({reason}). Periksa berkas sertifikat yang diberikan kabupaten.</source>
        <translation>The certificate of server {host} is not trusted ({reason}). Check the certificate file the regency gave you.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/client.py" line="155" />
        <source>Server kabupaten tidak dapat dihubungi ({host}); stasiun tetap bekerja dan menyinkronkan nanti.</source>
        <translation>The regency server cannot be reached ({host}); the station keeps working and syncs later.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/client.py" line="163" />
        <source>Server kabupaten menjawab dengan galat {status}; coba lagi nanti.</source>
        <translation>The regency server answered with error {status}; try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/enrol.py" line="33" />
        <source>Folder data ini sudah berisi stasiun {name} yang terdaftar di {url}; pendaftaran baru memerlukan folder data tanpa stasiun (--data-dir).</source>
        <translation>This data folder already holds station {name}, enrolled at {url}; a new enrolment needs a data folder without a station (--data-dir).</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/link.py" line="34" />
        <source>Kata sandi hanya dapat diganti saat stasiun terhubung ke server kabupaten; coba lagi setelah koneksi pulih.</source>
        <translation>A password can only be changed while the station is connected to the regency server; try again once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/link.py" line="37" />
        <source>Akun admin kabupaten hanya dapat masuk saat stasiun terhubung ke server kabupaten; coba lagi setelah koneksi pulih.</source>
        <translation>A regency admin account can only log in while the station is connected to the regency server; try again once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/link.py" line="74" />
        <location filename="../../desktop/sync/service.py" line="118" />
        <source>Stasiun ini belum didaftarkan ke server kabupaten.</source>
        <translation>This station is not enrolled with the regency server yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/own_events.py" line="72" />
        <source>Kartu sesudah titik pemulihan belum diambil dari server kabupaten: {why} Coba lagi nanti: ktp-mandiri audit fetch-own --user NAMA.</source>
        <translation>The cards after the restored point have not been fetched from the regency server yet: {why} Try again later: ktp-mandiri audit fetch-own --user NAME.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/own_events.py" line="102" />
        <source>Dari server kabupaten: {count} kartu sesudah titik pemulihan dicatat lagi{serials}.</source>
        <translation>From the regency server: {count} cards after the restored point recorded again{serials}.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/own_events.py" line="121" />
        <source>Server kabupaten belum menerima satu pun entri audit dari database yang dipulihkan; kartu sesudahnya tidak dapat diambil dari sana.</source>
        <translation>The regency server has not received any audit entry of the restored database; the cards after it cannot be fetched from there.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync/pull.py" line="75" />
        <source>Server kabupaten mengirim data kartu yang tidak sah (kolom {column}, baris {row}); halaman itu tidak diterapkan dan sinkronisasi dicoba lagi nanti.</source>
        <translation>The regency server sent card data that is not valid (column {column}, row {row}); that page was not applied and sync will try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="128" />
        <source>Printer {name} sedang mencetak; tunggu sampai kartunya selesai, lalu hapus lagi.</source>
        <translation>Printer {name} is printing; wait until its card is finished, then remove it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/store/db.py" line="68" />
        <source>Database di {path} dibuat oleh versi KTP-el Mandiri yang lebih baru. Perbarui aplikasi ini sebelum membukanya.</source>
        <translation>The database at {path} was made by a newer version of KTP-el Mandiri. Update this application before opening it.</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="281" />
        <source>Tambah pengguna</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="292" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="293" />
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="294" />
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="295" />
        <source>Kata sandi sementara dibuat otomatis dan wajib diganti saat masuk pertama.</source>
        <translation>A temporary password is generated and must be changed at the first log-in.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="298" />
        <source>Buat akun</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="298" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="313" />
        <source>Isi nama pengguna dan nama lengkap.</source>
        <translation>Fill in the user name and the full name.</translation>
    </message>
</context>
<context>
    <name>OfficePanelPage</name>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="78" />
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="86" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="86" />
        <source>Kuota hari ini</source>
        <translation>Today's quota</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="86" />
        <source>Hak cetak</source>
        <translation>Print rights</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="87" />
        <source>Dicetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="87" />
        <source>Sedang dicetak</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="87" />
        <source>Sisa</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="88" />
        <source>Rusak hari ini</source>
        <translation>Spoiled today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="94" />
        <location filename="../../desktop/ui/pages/panel/page.py" line="95" />
        <location filename="../../desktop/ui/pages/panel/page.py" line="110" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="95" />
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="95" />
        <source>Sisa ribbon</source>
        <translation>Ribbon left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="99" />
        <location filename="../../desktop/ui/pages/panel/page.py" line="110" />
        <source>Blanko</source>
        <translation>Blanks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="108" />
        <source>Menunggu keputusan</source>
        <translation>Awaiting a decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="110" />
        <source>Mulai</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="110" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="115" />
        <source>Kartu jadi</source>
        <translation>Card made</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="115" />
        <source>Kartu rusak</source>
        <translation>Card spoiled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="116" />
        <source>Tidak ada kartu</source>
        <translation>No card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="140" />
        <source>Kartu hari ini</source>
        <translation>Today's cards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="142" />
        <source>Log audit</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="146" />
        <source>30 hari</source>
        <translation>30 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="219" />
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="231" />
        <source>tidak diketahui</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="232" />
        <source>%1 kartu</source>
        <translation>%1 cards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="251" />
        <source>pemakaian 14 hari terakhir belum ada</source>
        <translation>no use in the last 14 days yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="252" />
        <source>cukup sekitar %1 hari (rata-rata %2 sehari, 14 hari terakhir)</source>
        <translation>enough for about %1 days (%2 a day on average, last 14 days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="254" />
        <source>Stok: %1 blanko, %2.</source>
        <translation>Stock: %1 blanks, %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="264" />
        <source>Cetak ulang disetujui dan belum dicetak: %1.</source>
        <translation>Reprints approved and not printed yet: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="267" />
        <source>Diperbarui pukul %1; diperbarui sendiri setiap 10 detik.</source>
        <translation>Updated at %1; updates itself every 10 seconds.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="272" />
        <source>HIJAU</source>
        <translation>GREEN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="272" />
        <source>KUNING</source>
        <translation>AMBER</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="272" />
        <source>MERAH</source>
        <translation>RED</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="298" />
        <source>Putuskan pekerjaan cetak</source>
        <translation>Decide a print job</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="299" />
        <source>Pekerjaan cetak %1 (blanko %2) diselesaikan sebagai: %3. Keputusan ini dicatat di log audit dan tidak dapat diubah. Lanjutkan?</source>
        <translation>The print job of %1 (blank %2) is settled as: %3. The decision is recorded in the audit log and cannot be changed. Continue?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="302" />
        <source>Ya, putuskan</source>
        <translation>Yes, decide</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="302" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/page.py" line="305" />
        <source>Pekerjaan cetak %1 diputuskan: %2.</source>
        <translation>Print job of %1 decided: %2.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="29" />
        <source>&amp;Halaman</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="30" />
        <source>&amp;Supervisor</source>
        <translation>&amp;Supervisor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="31" />
        <source>&amp;Akun</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="32" />
        <source>Se&amp;rver</source>
        <translation>Se&amp;rver</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="33" />
        <source>&amp;Printer</source>
        <translation>&amp;Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="34" />
        <source>&amp;Bantuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/__init__.py" line="6" />
        <source>Pintasan keyboard</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/__init__.py" line="9" />
        <source>Tentang KTP-el Mandiri</source>
        <translation>About KTP-el Mandiri</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/__init__.py" line="8" />
        <source>Pengguna stasiun…</source>
        <translation>Station users…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/__init__.py" line="10" />
        <source>Ganti kata sandi saya…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/__init__.py" line="12" />
        <source>Kunci layar</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/__init__.py" line="6" />
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/__init__.py" line="6" />
        <source>Status dan penghitung printer…</source>
        <translation>Printer status and counters…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/__init__.py" line="8" />
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/server/__init__.py" line="10" />
        <source>Daftarkan ke server kabupaten…</source>
        <translation>Enrol with the regency server…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/__init__.py" line="9" />
        <source>Ubah kuota hari ini…</source>
        <translation>Change today's quota…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/__init__.py" line="11" />
        <source>Terima blanko…</source>
        <translation>Receive blank cards…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/__init__.py" line="13" />
        <source>Pastikan tanggal dan jam…</source>
        <translation>Confirm date and time…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/__init__.py" line="16" />
        <source>Terima pemulihan database…</source>
        <translation>Accept a restored database…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/__init__.py" line="19" />
        <source>Hitung sisa blanko sesudah pemulihan…</source>
        <translation>Count the blanks left after a restore…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/__init__.py" line="22" />
        <source>Cadangkan ke flash disk…</source>
        <translation>Back up to a flash disk…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/__init__.py" line="25" />
        <source>Buat paket dukungan…</source>
        <translation>Make a support bundle…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/__init__.py" line="7" />
        <source>Buku blanko…</source>
        <translation>Blank card ledger…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/__init__.py" line="8" />
        <source>Panel kantor</source>
        <translation>Office panel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/__init__.py" line="13" />
        <source>Panel kabupaten</source>
        <translation>Regency panel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/__init__.py" line="15" />
        <source>Permintaan kuota</source>
        <translation>Quota requests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/__init__.py" line="17" />
        <source>Kuota tetap</source>
        <translation>Standing quotas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/__init__.py" line="19" />
        <source>Blanko kabupaten</source>
        <translation>Regency blanks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/__init__.py" line="21" />
        <source>Anomali dan penangguhan</source>
        <translation>Anomalies and suspensions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/__init__.py" line="23" />
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/__init__.py" line="25" />
        <source>Ganti kata sandi</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/__init__.py" line="9" />
        <source>Laporan…</source>
        <translation>Reports…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/__init__.py" line="11" />
        <source>Arsip laporan…</source>
        <translation>Report archive…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/__init__.py" line="14" />
        <source>Kop dan penanda tangan laporan…</source>
        <translation>Report letterhead and signatories…</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/regency/password.py" line="27" />
        <source>Ganti kata sandi</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/password.py" line="31" />
        <source>Kata sandi ini sekali pakai: buat kata sandi Anda sendiri sebelum melanjutkan.</source>
        <translation>This is a one-time password: make your own password before going on.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/password.py" line="39" />
        <source>Kata sandi sekarang</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/password.py" line="40" />
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/password.py" line="41" />
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/password.py" line="52" />
        <source>Kata sandi baru dan ulangannya tidak sama.</source>
        <translation>The new password and its repetition differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/password.py" line="70" />
        <source>Kata sandi diganti.</source>
        <translation>Password changed.</translation>
    </message>
</context>
<context>
    <name>PdfPagesView</name>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="62" />
        <source>Halaman laporan</source>
        <translation>Report pages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="68" />
        <source>Pilih laporan, lalu tekan Pratinjau.</source>
        <translation>Choose a report, then press Preview.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="71" />
        <source>Perkecil</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="73" />
        <source>Ctrl+-</source>
        <translation>Ctrl+-</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="74" />
        <source>Selebar jendela</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="76" />
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="77" />
        <source>Perbesar</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="79" />
        <source>Ctrl++</source>
        <translation>Ctrl++</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="100" />
        <source>Menggambar halaman…</source>
        <translation>Drawing the pages…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/pdf_view.py" line="199" />
        <source>Halaman %1 dari %2</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="150" />
        <source>Cetak laporan</source>
        <translation>Print report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="161" />
        <source>Tidak ada printer kantor (A4) di komputer ini; simpan laporan sebagai PDF dan cetak dari komputer lain.</source>
        <translation>There is no office printer (A4) on this computer; save the report as PDF and print it from another computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="164" />
        <source>Printer kartu tidak ditawarkan: %1.</source>
        <translation>Card printers are not offered: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="166" />
        <source>Tanpa kertas A4, tidak ditawarkan: %1.</source>
        <translation>Not offered, no A4 paper: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="174" />
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="178" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="180" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="181" />
        <source>Rangkap</source>
        <translation>Copies</translation>
    </message>
</context>
<context>
    <name>PrintQueueModel</name>
    <message>
        <location filename="../../desktop/ui/print_queue.py" line="31" />
        <source>Penduduk</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_queue.py" line="31" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_queue.py" line="31" />
        <source>Keadaan</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>PrintReason</name>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="20" />
        <source>Kartu Keluarga (KK)</source>
        <translation>Family card (KK)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="21" />
        <source>KTP-el lama diserahkan dan sudah dipotong sudutnya</source>
        <translation>Old e-KTP handed in, with its corner cut off</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="23" />
        <source>Surat keterangan kehilangan dari kepolisian</source>
        <translation>Loss report from the police</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="25" />
        <source>Bukti perubahan data (akta nikah/cerai, SKPWNI, dll.)</source>
        <translation>Proof of the change (marriage/divorce certificate, SKPWNI, etc.)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="26" />
        <source>Surat keterangan (suket) pengganti KTP-el</source>
        <translation>Temporary certificate (suket) issued in place of the e-KTP</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="40" />
        <source>Baru (usia 17+ atau sudah menikah)</source>
        <translation>New (aged 17 or over, or married)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="41" />
        <source>Penggantian suket</source>
        <translation>Replacing a suket</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="42" />
        <source>Hilang</source>
        <translation>Lost</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="43" />
        <source>Rusak</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/reasons.py" line="44" />
        <source>Perubahan data</source>
        <translation>Change of data</translation>
    </message>
</context>
<context>
    <name>PrinterCalibration</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="41" />
        <source>Posisi cetak: geser x %1, y %2 titik; skala x %3 %, y %4 %.</source>
        <translation>Print position: offset x %1, y %2 dots; scale x %3 %, y %4 %.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="49" />
        <source>Nomor seri printer ini berubah sejak dikalibrasi (kembali dari perbaikan?): cetak kartu kalibrasi lagi. Uji cepat pada kartu putih tersedia di jendela kalibrasi.</source>
        <translation>This printer's serial number changed since it was calibrated (back from repair?): print the calibration card again. A quick test on a white card is offered in the calibration window.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="53" />
        <source>Posisi cetak printer ini belum dikalibrasi terhadap blanko.</source>
        <translation>This printer's print position has not been calibrated against the blanko.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="142" />
        <source>Kalibrasi posisi cetak…</source>
        <translation>Calibrate print position…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/calibration.py" line="219" />
        <source>Blanko %1 dicatat rusak (kalibrasi, tanpa kuota).</source>
        <translation>Blanko %1 booked spoiled (calibration, no quota).</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="170" />
        <source>Printer stasiun</source>
        <translation>Station printers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="179" />
        <source>Stasiun ini belum memiliki printer.</source>
        <translation>This station has no printer yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="188" />
        <source>Simulasikan gangguan</source>
        <translation>Simulate fault</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="190" />
        <source>Pulihkan simulator</source>
        <translation>Restore simulator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="192" />
        <source>Printer simulasi (latihan):</source>
        <translation>Simulated printer (training):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="204" />
        <source>Segarkan</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="220" />
        <source>Tambah printer…</source>
        <translation>Add printer…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="222" />
        <source>Hapus dari stasiun</source>
        <translation>Remove from station</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="249" />
        <source>Stasiun hanya memakai printer yang terdaftar di daftar ini; printer kartu USB yang dicolokkan tidak dipakai dengan sendirinya.</source>
        <translation>The station uses only the printers registered in this list; USB card printers plugged in are not used by themselves.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="252" />
        <source>Belum ada printer terdaftar: stasiun memakai printer kartu USB yang dicolokkan. Begitu satu printer ditambahkan, hanya printer terdaftar yang dipakai.</source>
        <translation>No printer is registered yet: the station uses the USB card printers plugged in. As soon as one printer is added, only registered printers are used.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="280" />
        <source>Printer %1 ditambahkan ke stasiun.</source>
        <translation>Printer %1 was added to the station.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="289" />
        <source>Hapus printer</source>
        <translation>Remove printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="287" />
        <source>Hapus printer %1 dari stasiun ini? Operator tidak dapat mencetak di printer itu lagi sampai ditambahkan kembali.</source>
        <translation>Remove printer %1 from this station? Operators cannot print on it again until it is added back.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="289" />
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="290" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="294" />
        <source>Printer %1 dihapus dari stasiun.</source>
        <translation>Printer %1 was removed from the station.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="301" />
        <source>Sedang mencetak</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="338" />
        <source>Gangguan simulasi di %1: %2</source>
        <translation>Simulated fault on %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="345" />
        <source>%1 (sekarang)</source>
        <translation>%1 (now)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="347" />
        <source>%1 pada kartu berikutnya</source>
        <translation>%1 on the next card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="348" />
        <source>%1 pada kartu ke-%2 dari sekarang</source>
        <translation>%1 on card %2 from now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="388" />
        <source>Tidak dapat dibaca; lihat log aplikasi.</source>
        <translation>Could not be read; see the application log.</translation>
    </message>
</context>
<context>
    <name>PrinterFault</name>
    <message>
        <location filename="../../desktop/services/faults.py" line="23" />
        <source>Printer menolak perintah cetak. Hubungi petugas TI; kartu tidak dicetak.</source>
        <translation>The printer rejected the print command. Contact the IT staff; the card was not printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="16" />
        <source>Blanko di printer habis. Isi feeder dengan blanko.</source>
        <translation>The printer is out of blank cards. Fill the feeder with blank cards.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="17" />
        <source>Pita (ribbon) printer habis atau tidak terpasang. Ganti ribbon.</source>
        <translation>The printer ribbon is used up or not fitted. Replace the ribbon.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="18" />
        <source>Penutup printer terbuka. Tutup penutupnya.</source>
        <translation>The printer cover is open. Close the cover.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="19" />
        <source>Kartu macet di printer. Buka printer, keluarkan kartu yang macet.</source>
        <translation>A card is jammed in the printer. Open the printer and remove the jammed card.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="20" />
        <source>Printer terputus. Periksa kabel USB dan daya printer.</source>
        <translation>The printer is disconnected. Check the USB cable and the printer's power.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="21" />
        <source>Printer tidak menjawab. Matikan dan nyalakan printer.</source>
        <translation>The printer does not answer. Switch the printer off and on again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="22" />
        <source>Jawaban printer tidak dapat dibaca. Matikan dan nyalakan printer.</source>
        <translation>The printer's reply could not be read. Switch the printer off and on again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="24" />
        <source>Antrean printer di sistem operasi tidak mencetak (printer mati, terputus, atau antreannya dijeda). Periksa printer dan antreannya.</source>
        <translation>The operating system's printer queue is not printing (printer off, disconnected, or the queue is paused). Check the printer and its queue.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="26" />
        <source>Pekerjaan cetak dibatalkan di antrean printer sistem operasi.</source>
        <translation>The print job was cancelled in the operating system's printer queue.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="27" />
        <source>Antrean printer di sistem operasi menghentikan pekerjaan cetak (driver atau printer bermasalah). Periksa printer; hubungi petugas TI bila berulang.</source>
        <translation>The operating system's printer queue stopped the print job (a driver or printer problem). Check the printer; call the IT officer if it happens again.</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="38" />
        <source>Printer melaporkan gangguan mekanis (kartu macet)</source>
        <translation>The printer reported a mechanical fault (card jam)</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="39" />
        <source>Ribbon printer habis di tengah kartu</source>
        <translation>The printer's ribbon ran out in the middle of a card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="40" />
        <source>Penutup printer dibuka</source>
        <translation>The printer's cover was opened</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="41" />
        <source>Printer terputus</source>
        <translation>The printer was disconnected</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="42" />
        <source>Jawaban printer tidak dapat dibaca</source>
        <translation>The printer's reply could not be read</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="43" />
        <source>Printer menolak perintah di tengah kartu</source>
        <translation>The printer refused a command in the middle of a card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="44" />
        <source>Pekerjaan dibatalkan di antrean printer setelah mulai dicetak</source>
        <translation>The job was cancelled in the printer queue after it had started printing</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="45" />
        <source>Antrean printer sistem operasi menghentikan pekerjaan atau tidak menyelesaikannya</source>
        <translation>The operating system's printer queue stopped the job or did not finish it</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="48" />
        <source>Printer tidak lagi menjawab</source>
        <translation>The printer stopped answering</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="52" />
        <source>blanko habis</source>
        <translation>out of blank cards</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="53" />
        <source>ribbon habis</source>
        <translation>ribbon used up</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="54" />
        <source>penutup terbuka</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="55" />
        <source>kartu macet</source>
        <translation>card jammed</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="56" />
        <source>terputus</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="57" />
        <source>tidak menjawab</source>
        <translation>no answer</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="58" />
        <source>jawaban tak terbaca</source>
        <translation>unreadable reply</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="59" />
        <source>perintah ditolak</source>
        <translation>command refused</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="60" />
        <source>antrean tidak mencetak</source>
        <translation>queue not printing</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="61" />
        <source>dibatalkan di antrean</source>
        <translation>cancelled in the queue</translation>
    </message>
    <message>
        <location filename="../../desktop/services/faults.py" line="62" />
        <source>antrean gagal</source>
        <translation>queue failed</translation>
    </message>
</context>
<context>
    <name>PrinterKind</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="59" />
        <source>Printer kartu USB</source>
        <translation>USB card printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="60" />
        <source>Antrean printer sistem operasi</source>
        <translation>Operating system print queue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/setup.py" line="61" />
        <source>Printer simulasi (latihan)</source>
        <translation>Simulated printer (training)</translation>
    </message>
</context>
<context>
    <name>PrinterName</name>
    <message>
        <location filename="../../desktop/ui/printer_controller.py" line="51" />
        <source>Printer kartu USB %1</source>
        <translation>USB card printer %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printer_controller.py" line="52" />
        <source>Printer simulasi %1</source>
        <translation>Simulated printer %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printer_controller.py" line="53" />
        <source>Berkas %1</source>
        <translation>File %1</translation>
    </message>
</context>
<context>
    <name>PrinterStatusNote</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="71" />
        <source>kartu terakhir: blanko habis</source>
        <translation>last card: out of blank cards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="73" />
        <source>kartu terakhir tertahan di modul cetak atau di feeder (belum pasti yang mana)</source>
        <translation>last card held in the print module or the feeder (not known which)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="74" />
        <source>printer perlu dibersihkan</source>
        <translation>the printer needs cleaning</translation>
    </message>
</context>
<context>
    <name>PrinterTableModel</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="102" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="102" />
        <source>Keadaan</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="102" />
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="102" />
        <source>Nomor seri</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="103" />
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="103" />
        <source>Kartu masuk printer</source>
        <translation>Cards fed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="103" />
        <source>Sisa ribbon (kartu, perkiraan)</source>
        <translation>Ribbon left (cards, approx.)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="119" />
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <location filename="../../desktop/domain/queue.py" line="20" />
        <source>KTP-el baru</source>
        <translation>New KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="21" />
        <source>Hilang</source>
        <translation>Lost</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="22" />
        <source>Rusak</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="23" />
        <source>Perubahan data</source>
        <translation>Data change</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="24" />
        <source>Suket ke KTP-el</source>
        <translation>Suket to KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="28" />
        <source>Tidak ada</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="29" />
        <source>Lansia (60 tahun ke atas)</source>
        <translation>Elderly (60 and over)</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="30" />
        <source>Penyandang disabilitas</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/queue.py" line="31" />
        <source>Ibu hamil</source>
        <translation>Pregnant woman</translation>
    </message>
</context>
<context>
    <name>QueueBlock</name>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="16" />
        <source>Antrean hari ini</source>
        <translation>Today's queue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="25" />
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="30" />
        <source>%1 mnt</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="34" />
        <source>Belum ada tiket antrean hari ini.</source>
        <translation>No queue tickets yet today.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="38" />
        <source>Tiket %1 · dilayani %2 · tidak hadir %3 · belum selesai %4</source>
        <translation>Tickets %1 · served %2 · no-show %3 · not finished %4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="41" />
        <source>Ditolak di pintu %1 · kehilangan tempat %2</source>
        <translation>Turned away at the door %1 · lost their place %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="43" />
        <source>Tunggu sampai dipanggil: median %1, p90 %2</source>
        <translation>Wait until called: median %1, p90 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/panel/queue_block.py" line="45" />
        <source>Lama layanan: median %1, p90 %2</source>
        <translation>Service time: median %1, p90 %2</translation>
    </message>
</context>
<context>
    <name>QueueWaitDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/counter/queue_wait.py" line="29" />
        <source>Kartu menunggu di antrian printer</source>
        <translation>Card waiting in the print queue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/queue_wait.py" line="31" />
        <source>Tunggu: kartu dicetak begitu antrian berjalan lagi. Batalkan kartu: pekerjaan dihapus dari antrian; blanko kembali ke stok bila belum mulai dicetak.</source>
        <translation>Wait: the card prints as soon as the queue goes on again. Cancel the card: the job is deleted from the queue; the blanko goes back to stock if it had not started printing.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/queue_wait.py" line="34" />
        <source>Tunggu</source>
        <translation>Wait</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/queue_wait.py" line="35" />
        <source>Batalkan kartu</source>
        <translation>Cancel the card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/queue_wait.py" line="39" />
        <source>Printer %1: %2.</source>
        <translation>Printer %1: %2.</translation>
    </message>
</context>
<context>
    <name>QuotaDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="161" />
        <source>Ubah kuota hari ini</source>
        <translation>Change today's quota</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="167" />
        <source>, per %1</source>
        <translation>, as of %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="175" />
        <source>mis. antrean panjang, instruksi Kadis</source>
        <translation>e.g. long queue, instruction from the head of Disdukcapil</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="176" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="177" />
        <source>Kuota hari ini</source>
        <translation>Today's quota</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="178" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="182" />
        <source>Menaikkan kuota perlu persetujuan supervisor atau admin lain.</source>
        <translation>Raising the quota needs the approval of another supervisor or admin.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="187" />
        <source>Perubahan dicatat di log audit dengan nama Anda.</source>
        <translation>The change is recorded in the audit log under your name.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="200" />
        <source>Kuota tetap %1 kartu sehari; hari ini sudah terpakai %2. Blanko di stok: %3.</source>
        <translation>Standing quota %1 cards a day; used today: %2. Blank cards in stock: %3.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="218" />
        <source>lebih dari dua kali kuota tetap (%1)</source>
        <translation>more than twice the standing quota (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="221" />
        <source>%1 kartu lagi boleh dicetak hari ini, padahal blanko di stok hanya %2</source>
        <translation>%1 more cards may be printed today, but there are only %2 blank cards in stock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="225" />
        <source>Kuota %1 hari ini menjadi %2: %3. Tetap simpan?</source>
        <translation>Today's quota for %1 becomes %2: %3. Save anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="227" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="227" />
        <source>Ubah lagi</source>
        <translation>Change it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="23" />
        <source>Ubah kuota tetap</source>
        <translation>Change the standing quota</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="23" />
        <source>Kuota harian tetap kecamatan %1 (sekarang %2 kartu sehari).</source>
        <translation>The standing daily quota of kecamatan %1 (now %2 cards a day).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="30" />
        <source>berlaku mulai besok</source>
        <translation>applies from tomorrow</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="32" />
        <source>Kuota harian</source>
        <translation>Daily quota</translation>
    </message>
</context>
<context>
    <name>QuotaRequestsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="19" />
        <source>Permintaan kuota yang menunggu</source>
        <translation>Quota requests waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="21" />
        <source>Stasiun</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="21" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="21" />
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="22" />
        <source>Kuota diminta</source>
        <translation>Quota asked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="22" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="22" />
        <source>Diminta oleh</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="26" />
        <source>Setujui…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="28" />
        <source>Tolak…</source>
        <translation>Deny…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="65" />
        <source>Setujui kuota %1 untuk kecamatan %2 pada %3 (diminta stasiun %4: %5)?</source>
        <translation>Approve a quota of %1 for kecamatan %2 on %3 (asked by station %4: %5)?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="66" />
        <source>Tolak kuota %1 untuk kecamatan %2 pada %3 (diminta stasiun %4: %5)?</source>
        <translation>Deny a quota of %1 for kecamatan %2 on %3 (asked by station %4: %5)?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="70" />
        <source>Setujui permintaan kuota</source>
        <translation>Approve the quota request</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="70" />
        <source>Tolak permintaan kuota</source>
        <translation>Deny the quota request</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="74" />
        <source>Permintaan kuota kecamatan %1 disetujui.</source>
        <translation>The quota request of kecamatan %1 was approved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/requests.py" line="75" />
        <source>Permintaan kuota kecamatan %1 ditolak.</source>
        <translation>The quota request of kecamatan %1 was denied.</translation>
    </message>
</context>
<context>
    <name>ReasonBox</name>
    <message>
        <location filename="../../desktop/ui/pages/counter/reason_box.py" line="24" />
        <source>3. Alasan dan dokumen</source>
        <translation>3. Reason and documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/reason_box.py" line="29" />
        <source>— pilih alasan pencetakan —</source>
        <translation>— choose the reason for printing —</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/reason_box.py" line="73" />
        <source>Nomor surat</source>
        <translation>Letter number</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="49" />
        <source>Terima blanko dari pusat</source>
        <translation>Receive blanks from the centre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="50" />
        <source>Catat blanko yang tiba dari pusat. Nomor seri KAB- dibuat server; nomor seri pada kotak dicatat di sampingnya.</source>
        <translation>Record the blanks that arrived from the centre. The KAB- serials are made by the server; the serials on the box are recorded beside them.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="59" />
        <source>sama dengan yang diterima</source>
        <translation>same as received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="69" />
        <source>Jumlah diterima</source>
        <translation>Quantity received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="70" />
        <source>Jumlah yang diminta</source>
        <translation>Quantity requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="71" />
        <source>Batch / berita acara</source>
        <translation>Batch / delivery record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="72" />
        <source>Nomor seri kotak, pertama</source>
        <translation>Box serial, first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="73" />
        <source>Nomor seri kotak, terakhir</source>
        <translation>Box serial, last</translation>
    </message>
</context>
<context>
    <name>ReceiveBlankoDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="239" />
        <source>Terima blanko</source>
        <translation>Receive blank cards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="247" />
        <source>sama dengan yang diterima</source>
        <translation>same as received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="250" />
        <source>nomor berita acara / batch</source>
        <translation>handover report (berita acara) or batch number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="254" />
        <source>tertera di kotak, boleh kosong</source>
        <translation>printed on the box, may be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="260" />
        <source>Jumlah blanko diterima</source>
        <translation>Blanks received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="261" />
        <source>Jumlah yang diminta</source>
        <translation>Quantity requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="266" />
        <source>Nomor seri kotak dicatat di samping nomor seri blanko stasiun ini.</source>
        <translation>The box's serials are recorded beside this station's blank serials.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="262" />
        <source>Batch / berita acara</source>
        <translation>Batch / handover report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="263" />
        <source>Nomor seri kotak, pertama</source>
        <translation>Box serial, first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="264" />
        <source>Nomor seri kotak, terakhir</source>
        <translation>Box serial, last</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs.py" line="265" />
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>RecordStatus</name>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="100" />
        <source>Status tidak dikenal</source>
        <translation>Unknown status</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="101" />
        <source>Status rekaman ini tidak dikenal oleh aplikasi.</source>
        <translation>The application does not recognize this record status.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="102" />
        <source>Jangan cetak; hubungi petugas TI kabupaten/kota.</source>
        <translation>Do not print; contact the regency/city IT staff.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="31" />
        <source>Siap cetak</source>
        <translation>Ready to print</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="32" />
        <source>Perekaman biometrik selesai dan data tunggal hasil pemadanan pusat.</source>
        <translation>Biometric enrollment is complete and central matching found a single, unique record.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="33" />
        <source>KTP-el dapat dicetak.</source>
        <translation>The e-KTP can be printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="36" />
        <source>Belum rekam</source>
        <translation>Not enrolled</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="37" />
        <source>Penduduk belum melakukan perekaman biometrik (foto, sidik jari, iris, tanda tangan).</source>
        <translation>The resident has not yet had their biometrics recorded (photo, fingerprints, iris, signature).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="38" />
        <source>Arahkan penduduk ke loket perekaman KTP-el.</source>
        <translation>Send the resident to the e-KTP enrollment counter.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="41" />
        <source>Sudah rekam, belum dikirim</source>
        <translation>Enrolled, not yet sent</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="42" />
        <source>Biometrik sudah direkam tetapi belum dikirim ke server pusat.</source>
        <translation>The biometrics have been recorded but not yet sent to the central server.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="43" />
        <source>Minta petugas perekaman mengirim data; penduduk kembali setelah status berubah.</source>
        <translation>Ask the enrollment staff to send the data; the resident should come back once the status has changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="46" />
        <source>Sedang diproses</source>
        <translation>Processing</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="47" />
        <source>Data sedang diproses di server pusat.</source>
        <translation>The data is being processed on the central server.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="48" />
        <location filename="../../desktop/domain/record_status.py" line="53" />
        <location filename="../../desktop/domain/record_status.py" line="58" />
        <location filename="../../desktop/domain/record_status.py" line="83" />
        <source>Penduduk menunggu dan memeriksa kembali status dalam beberapa hari.</source>
        <translation>The resident should wait and check the status again in a few days.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="51" />
        <source>Terkirim ke pusat</source>
        <translation>Sent to central</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="52" />
        <source>Data perekaman sudah dikirim ke pusat dan menunggu pemadanan (1:N).</source>
        <translation>The enrollment data has been sent to the central server and is waiting for matching (1:N).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="56" />
        <source>Diterima di pusat</source>
        <translation>Received at central</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="57" />
        <source>Data sudah diterima server pusat dan menunggu pemadanan.</source>
        <translation>The central server has received the data, which is waiting for matching.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="61" />
        <source>Gagal enrolment di pusat</source>
        <translation>Enrollment failed at central</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="62" />
        <source>Pendaftaran biometrik gagal di server pusat.</source>
        <translation>Biometric enrollment failed on the central server.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="63" />
        <source>Penduduk perlu rekam ulang; arahkan ke loket perekaman atau Disdukcapil.</source>
        <translation>The resident must be enrolled again; send them to the enrollment counter or to Disdukcapil.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="66" />
        <source>Gagal enrolment di daerah</source>
        <translation>Enrollment failed at regional level</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="67" />
        <source>Pengiriman data perekaman dari daerah gagal.</source>
        <translation>Sending the enrollment data from the region failed.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="68" />
        <source>Minta petugas perekaman mengirim ulang data; jika gagal lagi, rekam ulang.</source>
        <translation>Ask the enrollment staff to send the data again; if that fails too, enroll the resident again.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="71" />
        <source>Gagal pencarian di pusat</source>
        <translation>Search failed at central</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="72" />
        <source>Pemadanan biometrik di server pusat gagal.</source>
        <translation>Biometric matching failed on the central server.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="73" />
        <source>Laporkan ke Disdukcapil kabupaten/kota untuk diajukan ulang ke pusat.</source>
        <translation>Report it to the regency/city Disdukcapil so that it can be resubmitted to central.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="76" />
        <source>Menunggu adjudikasi</source>
        <translation>Awaiting adjudication</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="77" />
        <source>Biometrik mirip dengan data lain dan menunggu pemeriksaan petugas pusat.</source>
        <translation>The biometrics resemble another record and are waiting to be reviewed by central staff.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="78" />
        <source>Penduduk menunggu hasil adjudikasi; periksa kembali status nanti.</source>
        <translation>The resident should wait for the adjudication result; check the status again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="81" />
        <source>Menunggu validasi</source>
        <translation>Awaiting validation</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="82" />
        <source>Data menunggu validasi oleh petugas pusat.</source>
        <translation>The data is waiting to be validated by central staff.</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="86" />
        <source>Data ganda</source>
        <translation>Duplicate record</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="87" />
        <source>Biometrik penduduk ini sama dengan NIK lain (rekam ganda).</source>
        <translation>This resident's biometrics match another NIK (duplicate enrollment).</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/record_status.py" line="88" />
        <source>Penduduk harus datang ke kantor Disdukcapil kabupaten/kota dengan KK untuk penyelesaian.</source>
        <translation>The resident must go to the regency/city Disdukcapil office with their family card (KK) to have this resolved.</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../desktop/services/recovery.py" line="20" />
        <source>Kartu bagus</source>
        <translation>Good card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/recovery.py" line="21" />
        <source>Kartu rusak</source>
        <translation>Spoiled card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/recovery.py" line="22" />
        <source>Tidak ada kartu</source>
        <translation>No card</translation>
    </message>
    <message>
        <location filename="../../desktop/services/recovery.py" line="26" />
        <source>Putuskan nanti</source>
        <translation>Decide later</translation>
    </message>
    <message>
        <location filename="../../desktop/services/recovery.py" line="27" />
        <source>Kartu bagus: dicatat terbit. Kartu rusak: blanko dicatat rusak. Tidak ada kartu: blanko kembali ke stok.</source>
        <translation>Good card: recorded as issued. Spoiled card: the blank card is recorded as spoiled. No card: the blank card goes back into stock.</translation>
    </message>
</context>
<context>
    <name>RegencyBlanko</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="20" />
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="30" />
        <source>diterima dari pusat</source>
        <translation>received from the centre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="21" />
        <source>dialokasikan</source>
        <translation>allocated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="22" />
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="32" />
        <source>dipinjamkan ke stasiun</source>
        <translation>leased to stations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="23" />
        <source>di gudang</source>
        <translation>in stock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="24" />
        <source>sisa</source>
        <translation>left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="25" />
        <source>dalam perjalanan</source>
        <translation>in transit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="26" />
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="35" />
        <source>rusak</source>
        <translation>spoilt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="27" />
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="36" />
        <source>dimusnahkan</source>
        <translation>destroyed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="31" />
        <source>alokasi</source>
        <translation>allocation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="33" />
        <source>dipindahkan</source>
        <translation>transferred</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="34" />
        <source>dicetak</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="38" />
        <source>kabupaten</source>
        <translation>regency</translation>
    </message>
</context>
<context>
    <name>RegencyBlankoPage</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="110" />
        <source>Blanko kabupaten</source>
        <translation>Regency blanks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="120" />
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="120" />
        <source>Gerakan</source>
        <translation>Movement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="120" />
        <source>Pemegang</source>
        <translation>Holder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="120" />
        <source>Jumlah</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="121" />
        <source>Diminta</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="121" />
        <source>Nomor seri</source>
        <translation>Serials</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="121" />
        <source>Seri kotak</source>
        <translation>Box serials</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="122" />
        <source>Rincian</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="122" />
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="126" />
        <source>Terima dari pusat…</source>
        <translation>Receive from the centre…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="128" />
        <source>Alokasikan…</source>
        <translation>Allocate…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="154" />
        <source>Blanko kabupaten: %1.</source>
        <translation>Regency blanks: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="155" />
        <source>%1: %2 (dipinjamkan %3)</source>
        <translation>%1: %2 (leased %3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="160" />
        <source>Alokasi: %1.</source>
        <translation>Allocations: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="192" />
        <source>Blanko diterima: %1 sampai %2.</source>
        <translation>Blanks received: %1 to %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/blanko.py" line="198" />
        <source>Alokasi blanko dicatat.</source>
        <translation>Blank allocation recorded.</translation>
    </message>
</context>
<context>
    <name>RegencyHeader</name>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="63" />
        <source>Kabupaten — server %1</source>
        <translation>Regency — server %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="67" />
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>RegencyPage</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/common.py" line="97" />
        <source>Per %1.</source>
        <translation>As of %1.</translation>
    </message>
</context>
<context>
    <name>RegencyPanelPage</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="37" />
        <source>Panel kabupaten</source>
        <translation>Regency panel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="47" />
        <location filename="../../desktop/ui/pages/regency/panel.py" line="52" />
        <location filename="../../desktop/ui/pages/regency/panel.py" line="53" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="47" />
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="47" />
        <source>Kuota</source>
        <translation>Quota</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="47" />
        <source>Dicetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="48" />
        <source>Hak cetak dipegang</source>
        <translation>Print rights held</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="48" />
        <source>Sisa</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="48" />
        <source>Rusak</source>
        <translation>Spoilt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="49" />
        <source>Cetak ulang</source>
        <translation>Reprints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="49" />
        <source>Stok blanko</source>
        <translation>Blank stock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="49" />
        <source>Cukup untuk</source>
        <translation>Lasts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="50" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="53" />
        <location filename="../../desktop/ui/pages/regency/panel.py" line="57" />
        <source>Stasiun</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="53" />
        <source>Terakhir terlihat</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="54" />
        <source>Tidak tersambung</source>
        <translation>Out of touch</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="54" />
        <source>Hak cetak</source>
        <translation>Print rights</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="54" />
        <source>Printer</source>
        <translation>Printers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="55" />
        <source>Anomali</source>
        <translation>Anomalies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="55" />
        <source>Penangguhan</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="61" />
        <source>30 hari</source>
        <translation>30 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="127" />
        <source>Per %1; diperbarui sendiri setiap 10 detik.</source>
        <translation>As of %1; refreshed by itself every 10 seconds.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="133" />
        <source>%1 kecamatan: %2 hijau, %3 kuning, %4 merah. %5 permintaan kuota menunggu, %6 anomali terbuka, %7 stasiun ditangguhkan.</source>
        <translation>%1 kecamatan: %2 green, %3 amber, %4 red. %5 quota requests waiting, %6 open anomalies, %7 stations suspended.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="141" />
        <source>%1 baris dari server tidak dapat dibaca dan tidak ditampilkan.</source>
        <translation>%1 rows from the server could not be read and are not shown.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="146" />
        <source>HIJAU</source>
        <translation>GREEN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="146" />
        <source>KUNING</source>
        <translation>AMBER</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="146" />
        <source>MERAH</source>
        <translation>RED</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="149" />
        <source>tidak diketahui</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="150" />
        <source>%1 hari</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="157" />
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="157" />
        <source>belum pernah tersambung</source>
        <translation>never connected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="166" />
        <source>RIBBON HAMPIR HABIS</source>
        <translation>RIBBON NEARLY OUT</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="168" />
        <source>dicabut</source>
        <translation>revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="170" />
        <source>ditangguhkan sejak %1 (%2)</source>
        <translation>suspended since %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="178" />
        <source>ribbon tidak diketahui</source>
        <translation>ribbon unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="178" />
        <source>ribbon %1</source>
        <translation>ribbon %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="185" />
        <source>tersambung</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="188" />
        <source>%1 menit</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="191" />
        <source>%1 jam %2 menit</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/panel.py" line="193" />
        <source>%1 hari %2 jam</source>
        <translation>%1 days %2 h</translation>
    </message>
</context>
<context>
    <name>RegencyReportsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="34" />
        <source>Laporan kabupaten</source>
        <translation>Regency reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="47" />
        <location filename="../../desktop/ui/pages/regency/reports.py" line="93" />
        <source>Seluruh kabupaten</source>
        <translation>Whole regency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="50" />
        <source>Berkas tujuan</source>
        <translation>Target file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="51" />
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="53" />
        <source>Simpan CSV</source>
        <translation>Save CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="58" />
        <source>Server kabupaten membuat laporan dari data semua stasiun; laporan hari ini ditandai SEMENTARA. Laporan harian dibuat untuk satu kecamatan.</source>
        <translation>The regency server makes the reports from every station's data; today's are stamped SEMENTARA (provisional). A daily report is made for one kecamatan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="62" />
        <source>Laporan</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="63" />
        <source>Tanggal (rekap: bulannya)</source>
        <translation>Date (recap: its month)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="64" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="118" />
        <source>Tuliskan berkas tujuan.</source>
        <translation>Enter the target file.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="128" />
        <source>Meminta laporan dari server kabupaten…</source>
        <translation>Asking the regency server for the report…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/reports.py" line="132" />
        <source>Laporan disimpan: %1</source>
        <translation>Report saved: %1</translation>
    </message>
</context>
<context>
    <name>RegencyWindow</name>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="85" />
        <source>KTP-el Mandiri — panel kabupaten</source>
        <translation>KTP-el Mandiri — regency panel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="92" />
        <source>Panel kabupaten. Server: %1</source>
        <translation>Regency panel. Server: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="110" />
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="140" />
        <source>Akun ini tidak punya halaman di panel kabupaten.</source>
        <translation>This account has no page in the regency panel.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="143" />
        <source>admin kabupaten</source>
        <translation>regency admin</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/regency/window.py" line="144" />
        <source>supervisor kabupaten</source>
        <translation>regency supervisor</translation>
    </message>
</context>
<context>
    <name>ReportArchiveWindow</name>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="119" />
        <source>Arsip laporan</source>
        <translation>Report archive</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="125" />
        <source>Laporan yang pernah dibuat</source>
        <translation>Reports made</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="128" />
        <source>Pilih laporan di daftar untuk melihat halamannya.</source>
        <translation>Choose a report in the list to see its pages.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="133" />
        <source>Berkas tujuan salinan</source>
        <translation>File for the copy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="134" />
        <source>Simpan salinan</source>
        <translation>Save a copy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="136" />
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="139" />
        <source>Cetak di printer kantor (Ctrl+P)</source>
        <translation>Print on the office printer (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="143" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="180" />
        <source>Belum ada laporan yang disimpan atau dicetak di stasiun ini.</source>
        <translation>No report has been saved or printed at this station yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="204" />
        <source>Laporan CSV: tidak ada halaman untuk dilihat atau dicetak; simpan salinannya untuk spreadsheet.</source>
        <translation>A CSV report: there are no pages to view or print; save a copy for the spreadsheet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/archive.py" line="233" />
        <source>Salinan disimpan: %1</source>
        <translation>Copy saved: %1</translation>
    </message>
</context>
<context>
    <name>ReportPrinter</name>
    <message>
        <location filename="../../desktop/ui/pages/reports/printing.py" line="244" />
        <source>Laporan dikirim ke printer %1 (%2 halaman).</source>
        <translation>Report sent to printer %1 (%2 pages).</translation>
    </message>
</context>
<context>
    <name>ReportSettingsWindow</name>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="58" />
        <source>Kop dan penanda tangan laporan</source>
        <translation>Report letterhead and signatories</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="63" />
        <source>Pemerintah</source>
        <translation>Government</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="63" />
        <source>Dinas</source>
        <translation>Agency (dinas)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="64" />
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="64" />
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="65" />
        <source>Pola nomor surat</source>
        <translation>Letter number pattern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="71" />
        <source>kosong: diisi dari wilayah stasiun</source>
        <translation>empty: filled in from the station's region</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="72" />
        <source>{jenis} laporan, {kode} kecamatan, {tanggal} YYYYMMDD, {bulan_romawi}, {tahun}</source>
        <translation>{jenis} report, {kode} kecamatan, {tanggal} YYYYMMDD, {bulan_romawi} Roman month, {tahun} year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="77" />
        <location filename="../../desktop/ui/pages/reports/settings.py" line="151" />
        <source>tidak ada (dihapus saat disimpan)</source>
        <translation>none (removed when saved)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="80" />
        <source>berkas PNG atau JPEG yang baru (kosong: tetap)</source>
        <translation>a new PNG or JPEG file (empty: unchanged)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="81" />
        <source>Hapus logo</source>
        <translation>Remove logo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="86" />
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="88" />
        <source>Jabatan</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="88" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="88" />
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="101" />
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="104" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="111" />
        <source>Penanda tangan (urutan di kertas; yang kosong dilewati)</source>
        <translation>Signatories (in their order on paper; empty rows are skipped)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="137" />
        <source>ada</source>
        <translation>set</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/settings.py" line="137" />
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="67" />
        <location filename="../../desktop/ui/pages/reports/page.py" line="106" />
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="84" />
        <source>Pratinjau</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="90" />
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="93" />
        <source>Cetak di printer kantor (Ctrl+P)</source>
        <translation>Print on the office printer (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="96" />
        <source>Berkas tujuan</source>
        <translation>Target file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="97" />
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="99" />
        <source>Simpan CSV</source>
        <translation>Save CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="104" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="107" />
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="108" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="165" />
        <source>SEMENTARA: hari ini belum selesai, angkanya masih dapat berubah.</source>
        <translation>PROVISIONAL: today is not over, its figures can still change.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/reports/page.py" line="193" />
        <source>Laporan disimpan: %1</source>
        <translation>Report saved: %1</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../../desktop/ui/approval_dialog.py" line="19" />
        <source>Minta cetak ulang</source>
        <translation>Ask for a reprint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/approval_dialog.py" line="21" />
        <source>KTP-el %1 hari ini (blanko %2) dikembalikan dan dicatat rusak; kuotanya kembali. Kartu baru dicetak dengan persetujuan ini.</source>
        <translation>Today's e-KTP of %1 (blank %2) is returned and recorded as spoiled; its quota place comes back. The new card is printed with this approval.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/approval_dialog.py" line="31" />
        <source>Sebab kartu pertama rusak</source>
        <translation>Why the first card is spoiled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/approval_dialog.py" line="33" />
        <source>Yang menyetujui: supervisor atau admin selain Anda. Dicatat di log audit dengan kedua nama.</source>
        <translation>The approver: a supervisor or admin other than you. Recorded in the audit log with both names.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/reprint.py" line="39" />
        <source>Cetak ulang disetujui oleh %1. Blanko %2 dicatat rusak; kartu baru dapat dicetak.</source>
        <translation>Reprint approved by %1. Blank %2 recorded as spoiled; the new card can be printed.</translation>
    </message>
</context>
<context>
    <name>ResidentPanel</name>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="18" />
        <source>2. Data penduduk</source>
        <translation>2. Resident details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="30" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="30" />
        <source>Tempat/Tgl Lahir</source>
        <translation>Place/date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="30" />
        <source>Jenis Kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="31" />
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="31" />
        <source>Kel/Desa</source>
        <translation>Kelurahan/village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="31" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="32" />
        <source>Status rekaman</source>
        <translation>Record status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="32" />
        <source>Riwayat KTP-el</source>
        <translation>e-KTP history</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="64" />
        <source>%1 RT %2/RW %3</source>
        <translation>%1 RT %2/RW %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="72" />
        <source>Belum ada KTP-el yang tercatat untuk NIK ini.</source>
        <translation>No e-KTP recorded for this NIK yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="75" />
        <source>KTP-el tidak dapat dicetak untuk penduduk ini sekarang; alasannya tertulis di bawah pratinjau kartu.</source>
        <translation>The e-KTP cannot be printed for this resident now; the reason is written below the card preview.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/resident_panel.py" line="78" />
        <source>Langkah berikutnya:</source>
        <translation>Next step:</translation>
    </message>
</context>
<context>
    <name>RestoreQuestion</name>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/restore.py" line="28" />
        <location filename="../../desktop/ui/pages/supervisor/restore.py" line="73" />
        <location filename="../../desktop/ui/pages/supervisor/restore.py" line="86" />
        <source>Database dipulihkan atau mundur</source>
        <translation>Database restored or rolled back</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/restore.py" line="31" />
        <source>Kartu, blanko dan kuota sesudah titik itu tidak tercatat di database ini. Jawaban Anda dicatat di log audit; sesudah menerima, hitung sisa blanko fisik dan catat hitungannya: pencetakan berlanjut sesudah itu.</source>
        <translation>Cards, blanks and quota after that point are not recorded in this database. Your answer is recorded in the audit log; after accepting, count the physical blanks left and record the count: printing goes on after that.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/restore.py" line="34" />
        <source>Terima database ini</source>
        <translation>Accept this database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/restore.py" line="35" />
        <source>Nanti</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/restore.py" line="87" />
        <source>Database stasiun tidak mundur dari catatan terakhirnya; tidak ada yang perlu diterima.</source>
        <translation>The station database is not behind its last record; there is nothing to accept.</translation>
    </message>
</context>
<context>
    <name>RetryDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/counter/retry_dialog.py" line="16" />
        <source>Printer bermasalah</source>
        <translation>Printer problem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/retry_dialog.py" line="19" />
        <source>Setelah masalahnya diatasi, tekan Coba lagi; kartu dicetak pada blanko baru.</source>
        <translation>Once the problem is solved, press Retry; the card is printed on a new blank card.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/retry_dialog.py" line="20" />
        <source>Coba lagi</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/retry_dialog.py" line="25" />
        <source>Cetak di %1</source>
        <translation>Print on %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/retry_dialog.py" line="27" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="18" />
        <source>Pindai kartu</source>
        <translation>Scan a card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="19" />
        <source>NIK penduduk baru, di mana pun kursor berada (kecuali kolom kata sandi dan jendela dialog)</source>
        <translation>A new citizen's NIK, wherever the cursor is (except password fields and dialogs)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="20" />
        <source>Periksa NIK; menjalankan perintah yang sedang terpilih</source>
        <translation>Check the NIK; run the selected command</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="21" />
        <source>Ke isian berikutnya / sebelumnya</source>
        <translation>To the next / previous field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="22" />
        <source>Spasi</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="22" />
        <source>Centang dokumen; menjalankan perintah yang sedang terpilih</source>
        <translation>Tick a document; run the selected command</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="23" />
        <source>Ke kolom NIK</source>
        <translation>To the NIK field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="24" />
        <source>Cetak KTP-el</source>
        <translation>Print the e-KTP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="25" />
        <source>Penduduk berikutnya (mengosongkan halaman)</source>
        <translation>Next citizen (clears the page)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="26" />
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="45" />
        <source>Pintasan keyboard</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about/shortcuts.py" line="54" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../desktop/ui/shell/signin.py" line="72" />
        <source>KTP-el Mandiri — %1</source>
        <translation>KTP-el Mandiri — %1</translation>
    </message>
</context>
<context>
    <name>SimulatedFault</name>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="45" />
        <source>Blanko di feeder habis</source>
        <translation>Feeder out of blank cards</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="46" />
        <source>Ribbon habis</source>
        <translation>Ribbon used up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="47" />
        <source>Penutup terbuka</source>
        <translation>Cover open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="48" />
        <source>Kartu macet saat mencetak</source>
        <translation>Card jams while printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="49" />
        <source>Kartu macet di panel pertama</source>
        <translation>Card jams on the first panel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="50" />
        <source>Printer diam di tengah kartu</source>
        <translation>Printer goes silent in the middle of a card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="51" />
        <source>Ribbon habis di tengah kartu</source>
        <translation>Ribbon runs out in the middle of a card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="52" />
        <source>Penutup dibuka saat mencetak</source>
        <translation>Cover opened while printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="53" />
        <source>Kabel USB dicabut saat mencetak</source>
        <translation>USB cable pulled while printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="54" />
        <source>Sambungan USB tersendat</source>
        <translation>USB connection stalls</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="55" />
        <source>Printer tidak menjawab</source>
        <translation>Printer does not answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="56" />
        <source>Jawaban printer rusak</source>
        <translation>Printer answers rubbish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="57" />
        <source>Masih ada kartu di dalam printer</source>
        <translation>A card is still inside the printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="58" />
        <source>Driver WinUSB belum dipasang</source>
        <translation>WinUSB driver not installed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="59" />
        <source>Tempat kartu jadi penuh</source>
        <translation>Output hopper full</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="60" />
        <source>Kotak kartu rusak penuh</source>
        <translation>Reject box full</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="61" />
        <source>Kepala cetak sedang didinginkan</source>
        <translation>Print head cooling down</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="62" />
        <source>Printer perlu dibersihkan</source>
        <translation>Printer needs cleaning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/printers/page.py" line="63" />
        <source>Jenis ribbon salah</source>
        <translation>Wrong ribbon type</translation>
    </message>
</context>
<context>
    <name>SpoilDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="19" />
        <source>Catat blanko rusak</source>
        <translation>Record a spoilt blank</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="28" />
        <source>kosong: blanko berikutnya di stok</source>
        <translation>empty: the next blank in stock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="31" />
        <source>Penyebab</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="32" />
        <source>Nomor seri</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="33" />
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/ledger/actions.py" line="35" />
        <source>Blanko rusak menunggu pemusnahan harian. Yang menyetujui: supervisor atau admin selain Anda; dicatat di log audit dengan kedua nama.</source>
        <translation>Spoiled blanks await the daily destruction. Approved by: a supervisor or admin other than you; recorded in the audit log with both names.</translation>
    </message>
</context>
<context>
    <name>SpoilageCause</name>
    <message>
        <location filename="../../desktop/domain/spoilage.py" line="15" />
        <source>Cetakan gagal atau cacat</source>
        <translation>Print failed or faulty</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/spoilage.py" line="16" />
        <source>Chip atau penulisan chip gagal</source>
        <translation>Chip or chip encoding failed</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/spoilage.py" line="17" />
        <source>Rusak secara fisik</source>
        <translation>Physically damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/spoilage.py" line="18" />
        <source>Data berubah setelah dicetak</source>
        <translation>Data changed after printing</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/spoilage.py" line="19" />
        <source>Kalibrasi printer</source>
        <translation>Printer calibration</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/spoilage.py" line="21" />
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>StandingQuotasPage</name>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="42" />
        <source>Kuota tetap per kecamatan</source>
        <translation>Standing quota per kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="49" />
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="49" />
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="44" />
        <source>Kuota tetap berlaku setiap hari, kecuali hari yang diberi kuota khusus (permintaan kuota yang disetujui, atau kuota lama yang tetap berlaku hari ini).</source>
        <translation>The standing quota applies every day, except days given a quota of their own (an approved quota request, or the old quota kept for today).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="49" />
        <source>Kuota tetap</source>
        <translation>Standing quota</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="50" />
        <source>Kuota khusus mulai hari ini</source>
        <translation>Day quotas from today on</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="54" />
        <source>Ubah kuota tetap…</source>
        <translation>Change the standing quota…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="70" />
        <source>%1 baris dari server tidak dapat dibaca dan tidak ditampilkan.</source>
        <translation>%1 rows from the server could not be read and are not shown.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="77" />
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="83" />
        <source>Pilih dulu kecamatannya di daftar.</source>
        <translation>First choose the kecamatan in the list.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/regency/quotas.py" line="90" />
        <source>Kuota tetap kecamatan %1 sekarang %2 kartu sehari.</source>
        <translation>The standing quota of kecamatan %1 is now %2 cards a day.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="26" />
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="28" />
        <source>Siap</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="29" />
        <source>Mencetak</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="30" />
        <source>Perlu perhatian</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="31" />
        <source>Terputus</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="32" />
        <source>Tidak diketahui</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="75" />
        <location filename="../../desktop/ui/shell/status_bar.py" line="84" />
        <source>Printer:</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="76" />
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="86" />
        <source>belum terbaca</source>
        <translation>not read yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="86" />
        <source>%1 kartu lagi</source>
        <translation>%1 cards left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="92" />
        <location filename="../../desktop/ui/shell/status_bar.py" line="95" />
        <source>Pita:</source>
        <translation>Ribbon:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="103" />
        <source>Hak cetak tersisa:</source>
        <translation>Print rights left:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="110" />
        <location filename="../../desktop/ui/shell/status_bar.py" line="115" />
        <source>menghubungi…</source>
        <translation>connecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="112" />
        <location filename="../../desktop/ui/shell/status_bar.py" line="115" />
        <source>daring</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="114" />
        <location filename="../../desktop/ui/shell/status_bar.py" line="115" />
        <source>luring</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="116" />
        <source>Sinkron:</source>
        <translation>Sync:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="117" />
        <source>%1 menunggu</source>
        <translation>%1 waiting</translation>
    </message>
</context>
<context>
    <name>SupervisorActions</name>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/actions.py" line="63" />
        <source>Kuota %1 hari ini diubah dari %2 menjadi %3 kartu.</source>
        <translation>Today's quota for %1 changed from %2 to %3 cards.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/actions.py" line="86" />
        <source>%1 dari %5 blanko yang diminta diterima (batch %2): %3. Stok sekarang %4 blanko.</source>
        <translation>%1 of the %5 blanks requested received (batch %2): %3. Stock now %4 blanks.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/actions.py" line="87" />
        <source>%1 blanko diterima (batch %2): %3. Stok sekarang %4 blanko.</source>
        <translation>%1 blank cards received (batch %2): %3. Now %4 blank cards in stock.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/actions.py" line="106" />
        <source>Terima blanko</source>
        <translation>Receive blanks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/actions.py" line="101" />
        <source>Tidak ada kotak blanko dari kabupaten yang sedang dikirim ke stasiun ini. Blanko stasiun terdaftar datang dari kabupaten; stasiun memintanya sendiri saat stoknya menipis.</source>
        <translation>No box of blank cards from the regency is on its way to this station. An enrolled station's blanks come from the regency; the station asks for them itself when its stock runs low.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/supervisor/actions.py" line="107" />
        <source>Kotak blanko %1 s.d. %2 (%3 lembar) dikirim kabupaten ke stasiun ini. Sudah tiba dan isinya cocok?</source>
        <translation>The regency sent this station a box of blank cards %1 to %2 (%3 cards). Has it arrived, with those cards in it?</translation>
    </message>
</context>
<context>
    <name>SyncLink</name>
    <message>
        <location filename="../../desktop/ui/shell/sync.py" line="114" />
        <source>Stasiun ini belum didaftarkan ke server kabupaten; ia bekerja mandiri.</source>
        <translation>This station is not enrolled with the regency server; it works standalone.</translation>
    </message>
</context>
<context>
    <name>TextLimits</name>
    <message>
        <location filename="../../desktop/domain/limits.py" line="19" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="20" />
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="21" />
        <source>Nomor surat</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="22" />
        <source>Nomor batch / berita acara</source>
        <translation>Batch / delivery report number</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="23" />
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="24" />
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="25" />
        <source>Nama printer</source>
        <translation>Printer name</translation>
    </message>
    <message>
        <location filename="../../desktop/domain/limits.py" line="26" />
        <source>Nama stasiun</source>
        <translation>Station name</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="34" />
        <source>Pola nomor surat</source>
        <translation>Letter number pattern</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="35" />
        <source>Penanda tangan</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <location filename="../../desktop/documents/letterhead.py" line="36" />
        <source>Kop surat</source>
        <translation>Letterhead</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="126" />
        <source>MODE LATIHAN: printer simulasi</source>
        <translation>TRAINING MODE: simulated printers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/status_bar.py" line="127" />
        <source>Semua printer di stasiun ini adalah printer simulasi: tidak ada kartu sungguhan yang keluar dari printer.</source>
        <translation>Every printer of this station is simulated: no real card comes out of a printer.</translation>
    </message>
</context>
<context>
    <name>UnfinishedJobs</name>
    <message>
        <location filename="../../desktop/ui/shell/recovery.py" line="53" />
        <source>Pencetakan terhenti</source>
        <translation>Printing interrupted</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="124" />
        <source>Pengguna stasiun</source>
        <translation>Station users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="145" />
        <source>Tambah pengguna…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="146" />
        <location filename="../../desktop/ui/pages/accounts/page.py" line="201" />
        <location filename="../../desktop/ui/pages/accounts/page.py" line="251" />
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="147" />
        <source>Setel ulang kata sandi</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="148" />
        <source>Buka kunci masuk</source>
        <translation>Lift log-in lock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="149" />
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="201" />
        <source>Aktifkan</source>
        <translation>Activate</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="231" />
        <source>Kata sandi sementara untuk %1: %2 — berikan kepada pemiliknya; wajib diganti saat masuk.</source>
        <translation>Temporary password for %1: %2 — give it to its owner; it must be changed at log-in.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="240" />
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="250" />
        <source>Nonaktifkan akun %1? Pemiliknya tidak dapat masuk lagi sampai diaktifkan kembali.</source>
        <translation>Deactivate account %1? Its owner cannot log in until it is activated again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="253" />
        <source>Akun %1 diaktifkan.</source>
        <translation>Account %1 activated.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="253" />
        <source>Akun %1 dinonaktifkan.</source>
        <translation>Account %1 deactivated.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="261" />
        <source>Setel ulang kata sandi %1? Kata sandi lamanya tidak berlaku lagi.</source>
        <translation>Reset the password of %1? The old password stops working.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="262" />
        <source>Setel ulang</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/accounts/page.py" line="270" />
        <source>Kunci masuk %1 dibuka.</source>
        <translation>Log-in lock of %1 lifted.</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="215" />
        <source>1. Periksa NIK</source>
        <translation>1. Check NIK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="221" />
        <source>Ketik atau pindai 16 angka NIK, lalu Enter</source>
        <translation>Type or scan the 16-digit NIK, then press Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="222" />
        <source>Periksa</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="235" />
        <source>Contoh NIK demo —</source>
        <translation>Demo NIKs —</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="431" />
        <source>Printer siap berikutnya</source>
        <translation>Next ready printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="157" />
        <source>4. Cetak KTP-el</source>
        <translation>4. Print e-KTP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="162" />
        <source>Minta cetak ulang…</source>
        <translation>Ask for a reprint…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="198" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="207" />
        <source>Pekerjaan hari ini di loket ini</source>
        <translation>Today's work at this counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="278" />
        <source>%1 dari 16 angka</source>
        <translation>%1 of 16 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="285" />
        <source>NIK sah (terdaftar pertama di %1). Tekan Enter untuk memeriksa.</source>
        <translation>Valid NIK (first registered in %1). Press Enter to check it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="292" />
        <source>Ketik NIK terlebih dahulu.</source>
        <translation>Type a NIK first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="322" />
        <source>NIK ditemukan.</source>
        <translation>NIK found.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="325" />
        <source>TIDAK DAPAT DICETAK</source>
        <translation>CANNOT BE PRINTED</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="460" />
        <source>Menunggu: %1</source>
        <translation>Waiting: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="464" />
        <source>Mengirim data ke printer… %1%</source>
        <translation>Sending data to the printer… %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="464" />
        <source>Mencetak… %1%</source>
        <translation>Printing… %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="444" />
        <source>Menyiapkan kartu…</source>
        <translation>Preparing the card…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="465" />
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="472" />
        <source>Tercetak, blanko %1</source>
        <translation>Printed, blank card %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="474" />
        <source>Kartu untuk %1 tercetak pada blanko %2. Kuota %3 hari ini: %4/%5.</source>
        <translation>Card for %1 printed on blank card %2. Today's quota for %3: %4/%5.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="499" />
        <source>Gagal: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="509" />
        <source>Mencetak ulang…</source>
        <translation>Reprinting…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/counter/page.py" line="517" />
        <source>Terjadi kesalahan program; data tersimpan aman. Lihat log aplikasi.</source>
        <translation>A program error occurred; your data is safely stored. See the application log.</translation>
    </message>
</context>
</TS>