create table if not exists build (
	id bigint auto_increment primary key,
	job varchar(200) not null,
	status varchar(20) not null
);
