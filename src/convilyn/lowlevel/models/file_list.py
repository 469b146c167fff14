from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.storage_usage import StorageUsage
    from ..models.stored_file import StoredFile


T = TypeVar("T", bound="FileList")


@_attrs_define
class FileList:
    """The account's files and storage usage (snake_case on the wire).

    Attributes:
        files (list[StoredFile]): Files, newest first.
        usage (StorageUsage): Storage used by the account (snake_case on the wire).
    """

    files: list[StoredFile]
    usage: StorageUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_dict()
            files.append(files_item)

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "files": files,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.storage_usage import StorageUsage
        from ..models.stored_file import StoredFile

        d = dict(src_dict)
        files = []
        _files = d.pop("files")
        for files_item_data in _files:
            files_item = StoredFile.from_dict(files_item_data)

            files.append(files_item)

        usage = StorageUsage.from_dict(d.pop("usage"))

        file_list = cls(
            files=files,
            usage=usage,
        )

        file_list.additional_properties = d
        return file_list

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
