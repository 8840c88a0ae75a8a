"""The command-line subcommands; each calls the same services the GUI uses."""

from __future__ import annotations

import argparse
import json
import sys
import time

from desktop.clock import Clock
from desktop.domain.nik import parse_nik
from desktop.paths import prepare_data_dir, resolve_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    nik = sub.add_parser("nik", help="periksa dan uraikan NIK")
    nik.add_argument("niks", nargs="+", metavar="NIK")
    nik.add_argument("--json", action="store_true", help="keluaran JSON")
    nik.set_defaults(handler=cmd_nik)

    demo = sub.add_parser("demo-data", help="buat data penduduk sintetis")
    demo.add_argument("--residents", type=int, default=1000, help="jumlah penduduk (default 1000)")
    demo.add_argument("--kecamatan", default=None,
                      help="kode kecamatan dipisah koma (default: yang dilayani stasiun, atau Pamulang/Setu/Ciputat)")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--with-station", action="store_true",
                      help="juga siapkan stasiun demo, pengguna demo, kuota dan blanko bila database masih kosong")
    demo.set_defaults(handler=cmd_demo_data)


def _services(args: argparse.Namespace):
    from desktop.services.container import build_services

    data_dir = prepare_data_dir(resolve_data_dir(args.data_dir))
    return build_services(data_dir)


def cmd_nik(args: argparse.Namespace) -> int:
    today = Clock().today()
    infos = [parse_nik(text, today=today) for text in args.niks]
    if args.json:
        json.dump([info.to_dict() for info in infos], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for info in infos:
            print(_describe_nik(info))
    return 0 if all(info.valid for info in infos) else 1


def _describe_nik(info) -> str:
    lines = [f"{info.nik or info.text}: {'SAH' if info.valid else 'TIDAK SAH'}"]
    for issue in info.errors:
        lines.append(f"  galat: {issue.message}")
    for issue in info.warnings:
        lines.append(f"  peringatan: {issue.message}")
    if info.province_code:
        lines.append(f"  provinsi:   {info.province_code} {info.province_name or '(tidak dikenal)'}")
    if info.regency_code:
        lines.append(f"  kab/kota:   {info.regency_code} {info.regency_name or '(tidak dikenal)'}")
    if info.kecamatan_code:
        lines.append(f"  kecamatan:  {info.kecamatan_code} {info.kecamatan_name or '(tidak dikenal)'}")
    if info.birth_date:
        lines.append(f"  lahir:      {info.birth_date.isoformat()}")
    if info.sex:
        lines.append(f"  kelamin:    {'LAKI-LAKI' if info.sex == 'L' else 'PEREMPUAN'}")
    if info.serial:
        lines.append(f"  nomor urut: {info.serial}")
    return "\n".join(lines)


def cmd_demo_data(args: argparse.Namespace) -> int:
    from desktop.errors import UserFacingError
    from desktop.services.demo import DEMO_KECAMATAN, generate_residents, setup_demo

    if args.residents < 0:
        raise UserFacingError("Jumlah penduduk tidak boleh negatif.")
    services = _services(args)
    started = time.perf_counter()
    if args.with_station and not services.auth.has_users():
        creds = setup_demo(services.db, services.clock, services.regions, residents=0)
        for cred in creds:
            print(f"pengguna demo: {cred.username} / {cred.password} ({cred.role})")
    if args.kecamatan:
        from desktop.domain.regions import dotted

        try:
            codes = [dotted(code) for code in args.kecamatan.split(",") if code.strip()]
        except ValueError as exc:
            raise UserFacingError(f"Kode kecamatan tidak sah: {exc}.") from exc
        for code in codes:
            if code.count(".") != 2 or services.regions.get(code) is None:
                raise UserFacingError(f"Kode kecamatan {code} tidak dikenal.")
    else:
        station = services.stations.current()
        codes = list(station.served) if station else list(DEMO_KECAMATAN)
    written = generate_residents(
        services.db, services.regions, args.residents, codes, seed=args.seed, today=services.clock.today()
    )
    elapsed = time.perf_counter() - started
    print(f"{written} penduduk demo dibuat di {services.data_dir} dalam {elapsed:.1f} detik.")
    services.close()
    return 0
